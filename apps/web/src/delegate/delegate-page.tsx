import { useEffect, useMemo, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { Locale } from '../api/types';
import { fetchVisits, findBeneficiary, forgetVisit, sendEntry, signedInUser, type AssignedVisit, type Beneficiary } from './delegate-api';
import { DELEGATE_TEXT } from './delegate-text';
import { Outbox, type EntryPayload } from './outbox';
import { shrinkPhoto } from './photos';
import './delegate.css';

const online = {
  subscribe: (listener: () => void) => {
    window.addEventListener('online', listener);
    window.addEventListener('offline', listener);
    return () => {
      window.removeEventListener('online', listener);
      window.removeEventListener('offline', listener);
    };
  },
  get: () => navigator.onLine,
};

type Found = { state: 'idle' | 'searching' | 'none' | 'offline' } | { state: 'found'; beneficiary: Beneficiary };

/** A local date-time for the input (the device's own zone), defaulting to now. */
const nowLocal = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * The delegate's phone page: find a beneficiary (or describe a new one), log
 * a field contact, walk-in or eligibility visit with notes, photos, time and
 * position; or write the report of a case visit they were sent on (the list
 * of their visits is kept on the device for the field). Every entry is kept
 * on the device first and sent by the outbox,
 * which retries until the server has it; with no connection the page works
 * the same and says so.
 */
export default function DelegatePage({ locale, onLocale }: { locale: Locale; onLocale: (locale: Locale) => void }) {
  const t = DELEGATE_TEXT[locale];
  const user = useMemo(signedInUser, []);
  const outbox = useMemo(() => new Outbox(`inbox.delegate.${user}`, sendEntry), [user]);
  useEffect(() => {
    void outbox.flush();
    return () => outbox.dispose();
  }, [outbox]);
  const { queued, synced } = useSyncExternalStore(outbox.subscribe, () => outbox.state);
  const isOnline = useSyncExternalStore(online.subscribe, online.get);

  const [query, setQuery] = useState({ phone: '', nationalId: '' });
  const [found, setFound] = useState<Found>({ state: 'idle' });
  const [person, setPerson] = useState<{ name: string; gender: '' | 'male' | 'female'; phone: string; nationalId: string }>({ name: '', gender: '', phone: '', nationalId: '' });
  const [kind, setKind] = useState<EntryPayload['kind']>('field_contact');
  const [notes, setNotes] = useState('');
  const [when, setWhen] = useState(nowLocal);
  const [photos, setPhotos] = useState<File[]>([]);
  const [position, setPosition] = useState<EntryPayload['position'] | 'locating' | 'failed' | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [visits, setVisits] = useState<{ visits: AssignedVisit[]; fetchedAt: string; cached: boolean } | null>(null);
  const [visit, setVisit] = useState<AssignedVisit | null>(null);

  useEffect(() => {
    let live = true;
    // Reported visits still in the outbox stay off the list until the server has them.
    const waiting = new Set(outbox.state.queued.map((entry) => entry.payload.visitId).filter(Boolean));
    void fetchVisits(user).then((found) => live && setVisits({ ...found, visits: found.visits.filter((v) => !waiting.has(v.id)) }));
    return () => { live = false; };
  }, [user, outbox, isOnline]);

  const startReport = (chosen: AssignedVisit) => {
    setVisit(chosen);
    setKind('eligibility_visit');
    setMessage(null);
    document.getElementById('entry-heading')?.scrollIntoView({ block: 'start' });
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!query.phone.trim() && !query.nationalId.trim()) return;
    setFound({ state: 'searching' });
    try {
      const beneficiary = await findBeneficiary({ phone: query.phone.trim() || undefined, nationalId: query.nationalId.trim() || undefined });
      setFound(beneficiary ? { state: 'found', beneficiary } : { state: 'none' });
      if (!beneficiary) setPerson((p) => ({ ...p, phone: query.phone.trim(), nationalId: query.nationalId.trim() }));
    } catch {
      setFound({ state: 'offline' });
      setPerson((p) => ({ ...p, phone: query.phone.trim(), nationalId: query.nationalId.trim() }));
    }
  };

  const locate = () => {
    setPosition('locating');
    navigator.geolocation.getCurrentPosition(
      (p) => setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMeters: p.coords.accuracy }),
      () => setPosition('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = found.state === 'found' ? found.beneficiary : null;
    if (!visit && !chosen && !person.phone.trim() && !person.nationalId.trim()) return setMessage({ text: t.needPerson, error: true });
    if (!notes.trim()) return setMessage({ text: t.needNotes, error: true });
    const payload: EntryPayload = {
      clientKey: crypto.randomUUID(),
      kind,
      occurredAt: new Date(when).toISOString(),
      notes: notes.trim(),
      ...(visit ? { visitId: visit.id, display: `${visit.contactName ?? ''} ${visit.reference}`.trim() } : chosen ? { contactId: chosen.id } : {
        person: {
          ...(person.name.trim() ? { name: person.name.trim() } : {}), ...(person.gender ? { gender: person.gender } : {}),
          ...(person.phone.trim() ? { phone: person.phone.trim() } : {}), ...(person.nationalId.trim() ? { nationalId: person.nationalId.trim() } : {}),
        },
      }),
      ...(position && typeof position === 'object' ? { position } : {}),
      ...(photos.length ? { photos: await Promise.all(photos.slice(0, 4).map(shrinkPhoto)) } : {}),
    };
    try {
      outbox.add(payload);
    } catch {
      return setMessage({ text: t.full, error: true });
    }
    setMessage({ text: t.saved, error: false });
    if (visit) {
      forgetVisit(user, visit.id);
      setVisits((current) => current && { ...current, visits: current.visits.filter((v) => v.id !== visit.id) });
      setVisit(null);
    }
    setNotes('');
    setPhotos([]);
    setPosition(null);
    setWhen(nowLocal());
  };

  const chosen = found.state === 'found' ? found.beneficiary : null;
  return (
    <div className="delegate">
      <header className="delegate__bar">
        <h1>{t.title}</h1>
        <p className={`delegate__status ${isOnline ? 'is-online' : 'is-offline'}`} role="status" data-testid="connection">
          {isOnline ? t.online : t.offline}
        </p>
        <p className="delegate__pending" data-testid="pending">{t.pending(queued.length)}</p>
        <nav className="delegate__links">
          <a href="#/inbox/mine">{t.inbox}</a>
          <button type="button" className="button button--quiet" lang={locale === 'ar' ? 'en' : 'ar'} onClick={() => onLocale(locale === 'ar' ? 'en' : 'ar')}>{t.language}</button>
        </nav>
      </header>

      <main className="delegate__main">
        <section aria-labelledby="visits-heading" className="delegate__card" data-testid="my-visits">
          <h2 id="visits-heading">{t.visits} ({visits?.visits.length ?? 0})</h2>
          {visits?.cached && <p className="delegate__muted">{t.visitsCached(new Date(visits.fetchedAt).toLocaleString(locale === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB'))}</p>}
          {visits && visits.visits.length === 0 ? <p className="delegate__muted">{t.visitsNone}</p> : (
            <ul className="delegate__visits">
              {visits?.visits.map((v) => (
                <li key={v.id} data-visit-id={v.id} aria-current={visit?.id === v.id ? 'true' : undefined}>
                  <p className="delegate__visit-title"><strong><bdi>{v.contactName ?? v.identities[0]?.value}</bdi></strong> · <bdi className="delegate__ref">{v.reference}</bdi> · {v.caseLabel[locale]}</p>
                  {(v.dueOn || v.assignedByName) && <p className="delegate__muted">{[v.dueOn && t.visitDue(v.dueOn), v.assignedByName && t.visitBy(v.assignedByName), v.branch?.[locale]].filter(Boolean).join(' · ')}</p>}
                  {v.instructions && <p dir="auto">{v.instructions}</p>}
                  <div className="delegate__visit-actions">
                    {v.identities.filter((i) => i.kind === 'phone' || i.kind === 'whatsapp').slice(0, 1).map((i) => (
                      <a key={i.value} className="button" href={`tel:${i.value}`}>{t.call} <bdi dir="ltr">{i.value}</bdi></a>
                    ))}
                    <button type="button" className="button button--primary" onClick={() => startReport(v)} data-testid="report-visit">{t.report}</button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        {!visit && <section aria-labelledby="find-heading" className="delegate__card">
          <h2 id="find-heading">{t.find}</h2>
          {chosen ? (
            <div className="delegate__chosen" data-testid="chosen">
              <p><strong>{t.selected}:</strong> <bdi>{chosen.name ?? chosen.identities[0]?.value}</bdi></p>
              <ul className="delegate__identities">{chosen.identities.map((i) => <li key={i.value}><bdi dir="ltr">{i.value}</bdi></li>)}</ul>
              {chosen.openTickets.length > 0 && (
                <p>{t.openTickets}: {chosen.openTickets.map((ticket) => <bdi key={ticket.id} className="delegate__ref">{ticket.reference}</bdi>)}</p>
              )}
              <button type="button" className="button" onClick={() => setFound({ state: 'idle' })}>{t.change}</button>
            </div>
          ) : (
            <form onSubmit={search} className="delegate__search">
              <label>{t.phone}<input type="tel" inputMode="tel" dir="ltr" value={query.phone} onChange={(e) => setQuery({ ...query, phone: e.target.value })} /></label>
              <label>{t.nationalId}<input inputMode="numeric" dir="ltr" value={query.nationalId} onChange={(e) => setQuery({ ...query, nationalId: e.target.value })} /></label>
              <button type="submit" className="button button--primary" disabled={found.state === 'searching'}>{found.state === 'searching' ? t.searching : t.search}</button>
            </form>
          )}
          {(found.state === 'none' || found.state === 'offline') && <p className="delegate__note" role="status">{found.state === 'none' ? t.notFound : t.searchOffline}</p>}
          {!chosen && (
            <fieldset className="delegate__person">
              <legend>{t.newPerson}</legend>
              <label>{t.name}<input dir="auto" value={person.name} onChange={(e) => setPerson({ ...person, name: e.target.value })} /></label>
              <div role="radiogroup" aria-label={t.gender} className="delegate__choices">
                {(['male', 'female'] as const).map((g) => (
                  <label key={g}><input type="radio" name="gender" checked={person.gender === g} onChange={() => setPerson({ ...person, gender: g })} />{t[g]}</label>
                ))}
              </div>
              <label>{t.phone} ({t.newPerson})<input type="tel" inputMode="tel" dir="ltr" name="person-phone" value={person.phone} onChange={(e) => setPerson({ ...person, phone: e.target.value })} /></label>
              <label>{t.nationalId} ({t.newPerson})<input inputMode="numeric" dir="ltr" name="person-national-id" value={person.nationalId} onChange={(e) => setPerson({ ...person, nationalId: e.target.value })} /></label>
            </fieldset>
          )}
        </section>}

        <form onSubmit={save} className="delegate__card" aria-labelledby="entry-heading">
          <h2 id="entry-heading">{visit ? t.reporting : t.entry}</h2>
          {visit && (
            <div className="delegate__chosen" data-testid="reporting">
              <p><strong><bdi>{visit.contactName ?? visit.identities[0]?.value}</bdi></strong> · <bdi className="delegate__ref">{visit.reference}</bdi></p>
              <button type="button" className="button" onClick={() => setVisit(null)}>{t.notThisVisit}</button>
            </div>
          )}
          {!visit && <div role="radiogroup" aria-label={t.kind} className="delegate__choices">
            {(Object.keys(t.kinds) as EntryPayload['kind'][]).map((k) => (
              <label key={k}><input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />{t.kinds[k]}</label>
            ))}
          </div>}
          <label>{t.notes}<textarea dir="auto" rows={5} value={notes} onChange={(e) => setNotes(e.target.value)} /></label>
          <label>{t.when}<input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} /></label>
          <label>{t.photos}<input type="file" accept="image/*" capture="environment" multiple onChange={(e) => setPhotos([...(e.target.files ?? [])])} /></label>
          <div className="delegate__location">
            <button type="button" className="button" onClick={locate} disabled={position === 'locating'}>{t.location}</button>
            <span role="status">
              {position === 'locating' ? t.locating : position === 'failed' ? t.noLocation
                : position ? t.located(position.latitude, position.longitude, position.accuracyMeters ?? 0) : ''}
            </span>
          </div>
          {message && <p className={message.error ? 'delegate__error' : 'delegate__note'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
          <button type="submit" className="button button--primary delegate__save">{t.save}</button>
        </form>

        <section className="delegate__card" aria-labelledby="queue-heading">
          <h2 id="queue-heading">{t.queue} ({queued.length})</h2>
          {queued.length === 0 ? <p className="delegate__muted">{t.nothing}</p> : (
            <ul className="delegate__list" data-testid="queue">
              {queued.map((entry) => (
                <li key={entry.payload.clientKey}>
                  <span>{t.kinds[entry.payload.kind]}</span> <bdi>{entry.payload.person?.name ?? entry.payload.person?.phone ?? ''}</bdi>
                  {entry.refused && <span className="delegate__error"> {t.refused}: {entry.refused} <button type="button" className="button button--quiet" onClick={() => outbox.discard(entry.payload.clientKey)}>{t.discard}</button></span>}
                </li>
              ))}
            </ul>
          )}
          <h2>{t.synced}</h2>
          {synced.length === 0 ? <p className="delegate__muted">{t.nothing}</p> : (
            <ul className="delegate__list" data-testid="synced">
              {synced.map((entry) => (
                <li key={entry.clientKey}>{t.kinds[entry.kind]} <bdi>{entry.label}</bdi> — {t.ticket} <bdi className="delegate__ref">{entry.ticketReference}</bdi></li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
