import { Modal } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { dualDateTime } from '../format/dates';
import { formatPhone } from '../format/phone';
import { inboxHref } from '../shell/router';
import { useWorkspace } from '../workspace/workspace-context';
import { desksApi, type CallDirection, type CallOutcome, type LoggedCall } from './desks-api';

/** Who the call was with, when the dialog opens from a contact or a ticket. */
export interface CallPreset {
  contactId?: string;
  contactName?: string | null;
  number?: string;
  ticketId?: string;
  ticketReference?: string;
}

const OUTCOMES: CallOutcome[] = ['answered', 'missed', 'callback_needed'];

/** The local time as the value of an <input type="datetime-local">. */
function localInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * Logging a call in two clicks: the button that opens this, then "Save". Every
 * field starts on the common case (an incoming call, answered, now, on the
 * ticket it was opened from); the key sent with it makes a double click or a
 * retry log one call.
 */
export function CallLogDialog({ opened, preset, onClose }: { opened: boolean; preset: CallPreset; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [direction, setDirection] = useState<CallDirection>('incoming');
  const [number, setNumber] = useState('');
  const [startedAt, setStartedAt] = useState('');
  const [minutes, setMinutes] = useState('');
  const [outcome, setOutcome] = useState<CallOutcome>('answered');
  const [notes, setNotes] = useState('');
  const [onTicket, setOnTicket] = useState(true);
  const [clientKey, setClientKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [logged, setLogged] = useState<LoggedCall | null>(null);

  useEffect(() => {
    if (!opened) return;
    setDirection('incoming');
    setNumber(preset.number ?? '');
    setStartedAt(localInput(new Date()));
    setMinutes('');
    setOutcome('answered');
    setNotes('');
    setOnTicket(Boolean(preset.ticketId));
    setClientKey(crypto.randomUUID());
    setError(null);
    setLogged(null);
  }, [opened, preset.number, preset.ticketId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const duration = Math.round(Number(minutes.replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))) || 0) * 60);
      const result = await desksApi.logCall({
        direction, outcome, clientKey, durationSeconds: Number.isFinite(duration) ? duration : 0,
        ...(number.trim() ? { number: number.trim() } : preset.contactId ? { contactId: preset.contactId } : {}),
        ...(startedAt ? { startedAt: new Date(startedAt).toISOString() } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(preset.ticketId && onTicket ? { ticketId: preset.ticketId } : { newTicket: Boolean(preset.ticketId) }),
      });
      setLogged(result);
    } catch (failure) {
      setError(failure instanceof ApiError ? { message: failure.message, field: failure.field } : { message: (failure as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (field: string) => (error?.field === field ? <p className="field-error" role="alert">{error.message}</p> : null);

  return (
    <Modal opened={opened} onClose={onClose} title={t('calls.title')} closeButtonProps={{ 'aria-label': t('calls.close') }} size="lg">
      {logged ? (
        <div className="call-logged" role="status" data-testid="call-logged">
          <p>{t('calls.logged', { reference: logged.ticketReference })}</p>
          {logged.followUp && <p>{t('calls.followUp', { due: dualDateTime(logged.followUp.dueAt, locale, timeZone).gregorian })}</p>}
          <div className="dialog-actions">
            <a className="button button--primary" href={inboxHref('all', logged.ticketId)} onClick={onClose}>{t('calls.openTicket', { reference: logged.ticketReference })}</a>
            <button type="button" className="button" onClick={onClose}>{t('calls.close')}</button>
          </div>
        </div>
      ) : (
        <form className="desk-form" onSubmit={(event) => void submit(event)} data-testid="call-log-form">
          <fieldset className="desk-choice">
            <legend>{t('calls.direction')}</legend>
            {(['incoming', 'outgoing'] as const).map((value) => (
              <label key={value}><input type="radio" name="direction" value={value} checked={direction === value} onChange={() => setDirection(value)} />{t(`calls.${value}`)}</label>
            ))}
          </fieldset>
          {preset.contactName && <p className="desk-contact">{t('calls.contact')}: <bdi>{preset.contactName}</bdi></p>}
          <label className="field">
            <span>{t('calls.number')}</span>
            <input name="number" type="tel" dir="ltr" inputMode="tel" value={number} onChange={(event) => setNumber(event.target.value)} placeholder={t('calls.numberHint')}
              required={!preset.contactId} aria-invalid={error?.field === 'number' || undefined} />
            {preset.number && number === preset.number && <small dir="ltr">{formatPhone(preset.number)}</small>}
            {fieldError('number')}
          </label>
          <div className="desk-row">
            <label className="field">
              <span>{t('calls.startedAt')}</span>
              <input name="startedAt" type="datetime-local" value={startedAt} onChange={(event) => setStartedAt(event.target.value)} />
              {fieldError('startedAt')}
            </label>
            <label className="field">
              <span>{t('calls.duration')}</span>
              <input name="duration" inputMode="decimal" value={minutes} onChange={(event) => setMinutes(event.target.value)} placeholder="0" />
              {fieldError('durationSeconds')}
            </label>
          </div>
          <fieldset className="desk-choice">
            <legend>{t('calls.outcome')}</legend>
            {OUTCOMES.map((value) => (
              <label key={value}><input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} />{t(`calls.${value}`)}</label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t('calls.notes')}</span>
            <textarea name="notes" dir="auto" rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
          </label>
          {preset.ticketId && (
            <fieldset className="desk-choice">
              <label><input type="radio" name="ticket" checked={onTicket} onChange={() => setOnTicket(true)} />{t('calls.onTicket', { reference: preset.ticketReference ?? '' })}</label>
              <label><input type="radio" name="ticket" checked={!onTicket} onChange={() => setOnTicket(false)} />{t('calls.newTicket')}</label>
            </fieldset>
          )}
          {error && !['number', 'startedAt', 'durationSeconds'].includes(error.field ?? '') && <p className="field-error" role="alert">{error.message}</p>}
          <div className="dialog-actions">
            <button type="submit" className="button button--primary" disabled={saving} data-testid="call-save">{saving ? t('calls.saving') : t('calls.save')}</button>
            <button type="button" className="button" onClick={onClose}>{t('calls.cancel')}</button>
          </div>
        </form>
      )}
    </Modal>
  );
}
