import './desks.css';
import { FileText, PhoneCall } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, Ticket } from '../api/types';
import { useWorkspace } from '../workspace/workspace-context';
import { CallLogDialog } from './call-log-dialog';
import { worksDesks } from './desk-access';
import { LetterDialog } from './letter-dialog';

/** Beside the contact's card: log a call with them on this ticket, or write them a letter. */
export function ContactActions({ ticket, contact, onChanged }: { ticket: Pick<Ticket, 'id' | 'reference'>; contact: Contact; onChanged: () => void }) {
  const { t } = useTranslation();
  const { me } = useWorkspace();
  const [open, setOpen] = useState<'call' | 'letter' | null>(null);
  if (!worksDesks(me.roles)) return null;
  const phone = contact.identities.find((identity) => identity.kind === 'phone')?.value;
  const close = () => {
    setOpen(null);
    onChanged();
  };
  return (
    <div className="contact-card__actions">
      <button type="button" className="button" onClick={() => setOpen('call')} data-testid="log-call">
        <PhoneCall size={14} aria-hidden="true" />{t('calls.logCall')}
      </button>
      <button type="button" className="button" onClick={() => setOpen('letter')} data-testid="write-letter">
        <FileText size={14} aria-hidden="true" />{t('letters.write')}
      </button>
      <CallLogDialog
        opened={open === 'call'}
        onClose={close}
        preset={{ contactId: contact.id, contactName: contact.name, number: phone, ticketId: ticket.id, ticketReference: ticket.reference }}
      />
      <LetterDialog opened={open === 'letter'} ticketId={ticket.id} contactName={contact.name} onClose={close} onIssued={onChanged} />
    </div>
  );
}
