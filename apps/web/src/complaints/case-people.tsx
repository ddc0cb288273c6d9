import { X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { dualDate } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';
import { complaintsApi, type ComplaintCase } from './complaints-api';
import type { CaseState } from './use-complaint-case';

interface Props {
  kase: ComplaintCase;
  run: CaseState['run'];
  canManage: boolean;
}

/** Who the complaint names (they lose access) and who works on it; officers change both. */
export function CasePeople({ kase, run, canManage }: Props) {
  const { t } = useTranslation();
  const { workspace, me, locale, timeZone } = useWorkspace();
  const colleagues = workspace.users.filter((user) => user.id !== me.id);
  const [partyUser, setPartyUser] = useState('');
  const [partyName, setPartyName] = useState('');
  const [partyRole, setPartyRole] = useState('');
  const [partyError, setPartyError] = useState<string | null>(null);
  const [participant, setParticipant] = useState('');
  const [participantError, setParticipantError] = useState<string | null>(null);
  const id = kase.ticketId;

  const addParty = async (event: FormEvent) => {
    event.preventDefault();
    const party = partyUser ? { userId: partyUser } : { name: partyName.trim() };
    const error = await run(() => complaintsApi.addParty(id, { ...party, ...(partyRole.trim() ? { role: partyRole.trim() } : {}) }));
    setPartyError(error);
    if (!error) {
      setPartyUser('');
      setPartyName('');
      setPartyRole('');
    }
  };
  const addParticipant = async (event: FormEvent) => {
    event.preventDefault();
    if (!participant) return;
    const error = await run(() => complaintsApi.addParticipant(id, participant));
    setParticipantError(error);
    if (!error) setParticipant('');
  };
  const participating = new Set(kase.participants.map((p) => p.userId));

  return (
    <>
      <section className="case-section" aria-labelledby={`parties-${id}`} data-testid="case-parties">
        <h3 id={`parties-${id}`}>{t('complaint.parties')}</h3>
        <p className="case-hint">{t('complaint.partiesHint')}</p>
        {kase.parties.length === 0 ? <p className="case-empty">{t('complaint.noParties')}</p> : (
          <ul className="case-list">
            {kase.parties.map((party) => (
              <li key={party.id} data-party-id={party.id}>
                <bdi className="case-list__name">{party.name}</bdi>
                {party.role && <span className="case-list__meta" dir="auto">{party.role}</span>}
                {canManage && (
                  <button type="button" className="button button--quiet case-list__remove" aria-label={t('complaint.removeParty', { name: party.name })}
                    onClick={() => void run(() => complaintsApi.removeParty(id, party.id)).then(setPartyError)}>
                    <X size={14} aria-hidden="true" />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canManage && (
          <form className="case-form" onSubmit={(event) => void addParty(event)}>
            <label className="field">
              <span>{t('complaint.partyColleague')}</span>
              <select value={partyUser} onChange={(event) => setPartyUser(event.target.value)} data-testid="party-user">
                <option value="">{t('complaint.chooseColleague')}</option>
                {colleagues.map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
              </select>
            </label>
            <label className="field">
              <span>{t('complaint.partyOrName')}</span>
              <input dir="auto" value={partyName} disabled={Boolean(partyUser)} onChange={(event) => setPartyName(event.target.value)} data-testid="party-name" />
            </label>
            <label className="field">
              <span>{t('complaint.partyRole')}</span>
              <input dir="auto" value={partyRole} onChange={(event) => setPartyRole(event.target.value)} data-testid="party-role" />
            </label>
            <button type="submit" className="button" disabled={!partyUser && !partyName.trim()}>{t('complaint.addParty')}</button>
            {partyError && <p role="alert" className="case-error"><bdi>{partyError}</bdi></p>}
          </form>
        )}
      </section>

      <section className="case-section" aria-labelledby={`participants-${id}`} data-testid="case-participants">
        <h3 id={`participants-${id}`}>{t('complaint.participants')}</h3>
        <p className="case-hint">{t('complaint.participantsHint')}</p>
        {kase.participants.length === 0 ? <p className="case-empty">{t('complaint.noParticipants')}</p> : (
          <ul className="case-list">
            {kase.participants.map((person) => (
              <li key={person.userId} data-user-id={person.userId}>
                <bdi className="case-list__name">{person.name}</bdi>
                <span className="case-list__meta">{t('complaint.addedAt')} <AddedOn value={person.addedAt} locale={locale} timeZone={timeZone} /></span>
                {canManage && (
                  <button type="button" className="button button--quiet case-list__remove" aria-label={t('complaint.removeParticipant', { name: person.name })}
                    onClick={() => void run(() => complaintsApi.removeParticipant(id, person.userId)).then(setParticipantError)}>
                    <X size={14} aria-hidden="true" />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canManage && (
          <form className="case-form case-form--inline" onSubmit={(event) => void addParticipant(event)}>
            <label className="field">
              <span>{t('complaint.participant')}</span>
              <select value={participant} onChange={(event) => setParticipant(event.target.value)} data-testid="participant-user">
                <option value="">{t('complaint.chooseColleague')}</option>
                {colleagues.filter((user) => !participating.has(user.id)).map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
              </select>
            </label>
            <button type="submit" className="button" disabled={!participant}>{t('complaint.addParticipant')}</button>
            {participantError && <p role="alert" className="case-error"><bdi>{participantError}</bdi></p>}
          </form>
        )}
      </section>
    </>
  );
}

function AddedOn({ value, locale, timeZone }: { value: string; locale: Locale; timeZone: string }) {
  const date = dualDate(value, locale, timeZone);
  return <time dateTime={value}>{date.gregorian} · {date.hijri}</time>;
}
