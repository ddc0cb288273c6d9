import { createContext, use, useMemo, type ReactNode } from 'react';
import type { Locale, Workspace } from '../api/types';
import type { RealtimeClient } from '../realtime/realtime-client';

export interface WorkspaceValue {
  workspace: Workspace;
  locale: Locale;
  setLocale: (locale: Locale) => void;
  realtime: RealtimeClient;
  me: Workspace['user'];
  timeZone: string;
  organizationName: string;
  teamName: (id: string | null) => string | null;
  userName: (id: string | null) => string | null;
  /** Teams this user belongs to (their "my teams" views). */
  myTeamIds: string[];
  isSupervisor: boolean;
}

const WorkspaceContext = createContext<WorkspaceValue | null>(null);

export function WorkspaceProvider(props: {
  workspace: Workspace; locale: Locale; setLocale: (locale: Locale) => void; realtime: RealtimeClient; children: ReactNode;
}) {
  const { workspace, locale, setLocale, realtime } = props;
  const value = useMemo<WorkspaceValue>(() => {
    const teams = new Map(workspace.teams.map((team) => [team.id, team]));
    const users = new Map(workspace.users.map((user) => [user.id, user]));
    const me = workspace.user;
    return {
      workspace, locale, setLocale, realtime, me,
      timeZone: workspace.organization.timeZone || 'Asia/Riyadh',
      organizationName: locale === 'ar' ? workspace.organization.nameAr : workspace.organization.nameEn || workspace.organization.nameAr,
      teamName: (id) => {
        const team = id ? teams.get(id) : undefined;
        return team ? (locale === 'ar' ? team.nameAr : team.nameEn || team.nameAr) : null;
      },
      userName: (id) => (id ? users.get(id)?.name ?? null : null),
      myTeamIds: users.get(me.id)?.teamIds ?? [],
      isSupervisor: me.roles.includes('admin') || me.roles.includes('supervisor'),
    };
  }, [workspace, locale, setLocale, realtime]);
  return <WorkspaceContext value={value}>{props.children}</WorkspaceContext>;
}

export function useWorkspace(): WorkspaceValue {
  const value = use(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}
