import { Modal } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http';
import { useWorkspace } from '../workspace/workspace-context';

export type AgentStatus = 'available' | 'away' | 'offline';
export const AGENT_STATUSES: AgentStatus[] = ['available', 'away', 'offline'];

/**
 * The agent's own availability in the header: automatic assignment gives
 * tickets only to those available. Going away or offline offers to hand the
 * open tickets back to the team, so nobody waits on an empty desk.
 */
export function AgentStatusControl() {
  const { t } = useTranslation();
  const { me } = useWorkspace();
  // Only those automatic assignment can give tickets to have a status.
  const assignable = me.roles.some((role) => role === 'agent' || role === 'supervisor' || role === 'complaints_officer');
  const [status, setStatus] = useState<AgentStatus | null>(null);
  const [pending, setPending] = useState<AgentStatus | null>(null);
  const [release, setRelease] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string; detail?: string } | null>(null);
  useEffect(() => {
    if (!assignable) return;
    request<{ status: AgentStatus }>('GET', '/me/status').then((value) => setStatus(value.status), () => setStatus('offline'));
  }, [assignable]);

  const apply = async (next: AgentStatus, releaseTickets: boolean) => {
    setPending(null);
    try {
      const result = await request<{ status: AgentStatus; released: string[] }>('PUT', '/me/status', { status: next, releaseTickets });
      setStatus(result.status);
      setMessage(result.released.length ? { error: false, text: t('agentStatus.released', { n: result.released.length }) } : null);
    } catch (failure) {
      setMessage({ error: true, text: t('agentStatus.failed'), detail: (failure as Error).message });
    }
  };
  const choose = (next: AgentStatus) => {
    if (next === 'available') return void apply(next, false);
    setRelease(false);
    setPending(next);
  };

  if (!status) return null;
  return (
    <div className="agent-status" data-status={status}>
      <label className="inline-field">
        <span className="agent-status__dot" aria-hidden="true" />
        <span className="visually-hidden">{t('agentStatus.label')}</span>
        <select value={status} onChange={(event) => choose(event.target.value as AgentStatus)} data-testid="agent-status">
          {AGENT_STATUSES.map((value) => <option key={value} value={value}>{t(`agentStatus.${value}`)}</option>)}
        </select>
      </label>
      {message && <span role={message.error ? 'alert' : 'status'} className={message.error ? 'case-error' : 'agent-status__note'}>{message.text}{message.detail && <> <bdi>{message.detail}</bdi></>}</span>}
      <Modal opened={pending !== null} onClose={() => setPending(null)} title={pending ? t('agentStatus.confirmTitle', { status: t(`agentStatus.${pending}`) }) : ''} closeButtonProps={{ 'aria-label': t('agentStatus.cancel') }}>
        <label className="agent-status__release">
          <input type="checkbox" checked={release} onChange={(event) => setRelease(event.target.checked)} data-testid="release-tickets" />
          {t('agentStatus.release')}
        </label>
        <div className="agent-status__bar">
          <button type="button" className="button button--primary" onClick={() => pending && void apply(pending, release)} data-testid="agent-status-apply">{t('agentStatus.apply')}</button>
          <button type="button" className="button" onClick={() => setPending(null)}>{t('agentStatus.cancel')}</button>
        </div>
      </Modal>
    </div>
  );
}
