import { Modal } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { desksApi, downloadLetterPdf, type Letter, type LetterTemplate } from './desks-api';

/** An outgoing letter on a ticket: from a template (or written here), numbered from the outgoing register, printed to PDF and added to the ticket. */
export function LetterDialog({ opened, ticketId, contactName, onClose, onIssued }: {
  opened: boolean; ticketId: string; contactName: string | null; onClose: () => void; onIssued: () => void;
}) {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<LetterTemplate[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [issued, setIssued] = useState<Letter | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setIssued(null);
    setError(null);
    desksApi.letterTemplates().then((list) => {
      setTemplates(list);
      setTemplateId(list[0]?.id ?? '');
    }, () => setTemplates([]));
  }, [opened]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    setSaving(true);
    setError(null);
    try {
      const letter = await desksApi.issueOutgoing({
        ticketId, ...(templateId ? { templateId } : { subject: text('subject'), body: text('body') }),
        recipient: { name: text('recipient'), address: text('address') }, attachmentsCount: Number(text('attachmentsCount') ?? 0), senderTitle: text('senderTitle'),
      });
      setIssued(letter);
      onIssued();
    } catch (failure) {
      setError(failure instanceof ApiError ? { message: failure.message, field: failure.field } : { message: (failure as Error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('letters.writeTitle')} closeButtonProps={{ 'aria-label': t('calls.close') }} size="lg">
      {issued ? (
        <div role="status" data-testid="letter-issued">
          <p>{t('letters.issued', { number: issued.displayNumber })}</p>
          <div className="dialog-actions">
            <button type="button" className="button button--primary" onClick={() => void downloadLetterPdf(issued)}>{t('letters.pdf')}</button>
            <button type="button" className="button" onClick={onClose}>{t('calls.close')}</button>
          </div>
        </div>
      ) : (
        <form className="desk-form" onSubmit={(event) => void submit(event)} data-testid="letter-form">
          <label className="field">
            <span>{t('letters.template')}</span>
            <select value={templateId} onChange={(event) => setTemplateId(event.target.value)} name="template">
              {templates.map((template) => <option key={template.id} value={template.id}>{template.name}</option>)}
              <option value="">{t('letters.noTemplate')}</option>
            </select>
          </label>
          {!templateId && (
            <>
              <label className="field"><span>{t('letters.subject')}</span><input name="subject" dir="auto" required /></label>
              <label className="field"><span>{t('letters.body')}</span><textarea name="body" dir="auto" rows={6} required /></label>
            </>
          )}
          <div className="desk-row">
            <label className="field"><span>{t('letters.recipient')}</span><input name="recipient" dir="auto" defaultValue={contactName ?? ''} /></label>
            <label className="field"><span>{t('letters.recipientAddress')}</span><input name="address" dir="auto" /></label>
          </div>
          <div className="desk-row">
            <label className="field"><span>{t('letters.attachmentsCount')}</span><input name="attachmentsCount" type="number" min={0} max={1000} defaultValue={0} /></label>
            <label className="field"><span>{t('letters.senderTitle')}</span><input name="senderTitle" dir="auto" /></label>
          </div>
          {error && <p className="field-error" role="alert">{error.message}</p>}
          <div className="dialog-actions">
            <button type="submit" className="button button--primary" disabled={saving} data-testid="letter-issue">{saving ? t('letters.saving') : t('letters.issue')}</button>
            <button type="button" className="button" onClick={onClose}>{t('calls.cancel')}</button>
          </div>
        </form>
      )}
    </Modal>
  );
}
