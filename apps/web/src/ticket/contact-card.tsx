import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types';
import { dualDate } from '../format/dates';
import { formatIdentity } from '../format/phone';
import { ChannelIcon, StatusBadge } from '../inbox/badges';
import { contactHref } from '../shell/router';
import { useWorkspace } from '../workspace/workspace-context';

/** The person behind the ticket: every identity they wrote from, and their other tickets. */
export function ContactCard({ contact, hrefOf }: { contact: Contact; hrefOf: (ticketId: string) => string }) {
  const { t } = useTranslation();
  const { locale, timeZone, me } = useWorkspace();
  const kind = contact.kind in { beneficiary: 1, member: 1, volunteer: 1, donor: 1, complainant: 1, other: 1 } ? contact.kind : 'other';
  return (
    <section className="contact-card" aria-labelledby={`contact-${contact.id}`}>
      <h2 id={`contact-${contact.id}`} className="contact-card__name">
        <bdi>{contact.name ?? t('list.noName')}</bdi>
      </h2>
      <p className="contact-card__kind">
        {t(`contact.kind.${kind}` as 'contact.kind.other')}
        {me.roles.some((role) => role !== 'delegate') && <> · <a href={contactHref(contact.id)} data-testid="contact-file-link">{t('contactFile.open')}</a></>}
      </p>
      <h3 className="contact-card__heading">{t('contact.identities')}</h3>
      <dl className="identities">
        {contact.identities.map((identity) => (
          <div key={identity.id}>
            <dt>{t(`identity.${identity.kind}`)}</dt>
            <dd><bdi dir="ltr">{formatIdentity(identity.kind, identity.value)}</bdi></dd>
          </div>
        ))}
      </dl>
      {contact.notes && <p className="contact-card__notes" dir="auto">{contact.notes}</p>}
      <h3 className="contact-card__heading">{t('contact.otherTickets')}</h3>
      {contact.otherTickets?.length ? (
        <ul className="other-tickets">
          {contact.otherTickets.map((other) => {
            const opened = dualDate(other.createdAt, locale, timeZone);
            return (
              <li key={other.id}>
                <a href={hrefOf(other.id)}>
                  <ChannelIcon kind={other.channelKind} />
                  <bdi className="other-tickets__reference">{other.reference}</bdi>
                  <span className="other-tickets__subject" dir="auto">{other.subject}</span>
                </a>
                <span className="other-tickets__meta">
                  <StatusBadge status={other.status} />
                  <time dateTime={other.createdAt} title={opened.hijri}>{opened.gregorian}</time>
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="contact-card__empty">{t('contact.noOtherTickets')}</p>
      )}
    </section>
  );
}
