import { CircleCheck, UserCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import { ALL_STATUSES, PRIORITIES, type Ticket, type TicketChange } from '../api/types';
import { useWorkspace } from '../workspace/workspace-context';

/** Status, priority, team and assignee of the open ticket; each change is saved at once. */
export function TicketControls({ ticket, onChanged }: { ticket: Ticket; onChanged: (change: TicketChange) => void }) {
  const { t } = useTranslation();
  const { me, workspace, teamName } = useWorkspace();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const change = async (update: TicketChange) => {
    setSaving(true);
    setError(null);
    try {
      await api.updateTicket(ticket.id, update);
      onChanged(update);
    } catch (failure) {
      setError(t('ticket.changeFailed', { message: (failure as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  // Complaints go only to complaints officers; everyone else is offered the people who work tickets.
  const assignable = workspace.users.filter((user) => ticket.confidential
    ? user.roles.includes('complaints_officer')
    : user.roles.some((role) => role === 'agent' || role === 'supervisor' || role === 'admin' || role === 'complaints_officer'));

  return (
    <div className="ticket-controls" aria-busy={saving}>
      <label className="field">
        <span>{t('ticket.status')}</span>
        <select value={ticket.status} onChange={(event) => void change({ status: event.target.value as Ticket['status'] })} data-testid="status-select">
          {ALL_STATUSES.map((status) => <option key={status} value={status}>{t(`status.${status}`)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('ticket.priority')}</span>
        <select value={ticket.priority} onChange={(event) => void change({ priority: event.target.value as Ticket['priority'] })}>
          {PRIORITIES.map((priority) => <option key={priority} value={priority}>{t(`priority.${priority}`)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('ticket.team')}</span>
        <select value={ticket.teamId ?? ''} onChange={(event) => void change({ teamId: event.target.value || null })}>
          <option value="">{t('ticket.noTeam')}</option>
          {workspace.teams.map((team) => <option key={team.id} value={team.id}>{teamName(team.id)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('ticket.assignee')}</span>
        <select value={ticket.assigneeId ?? ''} onChange={(event) => void change({ assigneeId: event.target.value || null })} data-testid="assignee-select">
          <option value="">{t('ticket.nobody')}</option>
          {assignable.map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
        </select>
      </label>
      <div className="ticket-controls__actions">
        {ticket.assigneeId !== me.id && (
          <button type="button" className="button" onClick={() => void change({ assigneeId: me.id })} aria-keyshortcuts="a">
            <UserCheck size={16} aria-hidden="true" />{t('ticket.takeIt')}
          </button>
        )}
        {ticket.status !== 'resolved' && ticket.status !== 'closed' && (
          <button type="button" className="button" onClick={() => void change({ status: 'resolved' })} aria-keyshortcuts="e">
            <CircleCheck size={16} aria-hidden="true" />{t('ticket.resolve')}
          </button>
        )}
      </div>
      {error && <p role="alert" className="composer__error">{error}</p>}
    </div>
  );
}
