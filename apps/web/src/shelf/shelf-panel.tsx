import { Popover } from '@mantine/core';
import { BookOpen } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../workspace/workspace-context';
import { publicLink, shelfApi, titleIn, type ShelfHit } from './shelf-api';
import './shelf.css';

interface Props {
  ticketId: string;
  /** Puts the chosen passage or link into the reply. */
  onInsert: (item: { title: string; passage: string; link: string | null }, what: 'passage' | 'link') => void;
}

/** The shelf beside the reply box: passages suggested for the ticket, a search, and one click to insert. */
export function ShelfPanel({ ticketId, onInsert }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="top-end" width="min(460px, calc(100vw - 24px))" withinPortal trapFocus shadow="md">
      <Popover.Target>
        <button type="button" className="button button--quiet" aria-expanded={opened} onClick={() => setOpened((open) => !open)} data-testid="shelf-panel-button">
          <BookOpen size={14} aria-hidden="true" />{t('shelf.panel')}
        </button>
      </Popover.Target>
      <Popover.Dropdown>
        {opened && <ShelfFinder ticketId={ticketId} onInsert={(item, what) => { onInsert(item, what); setOpened(false); }} onClose={() => setOpened(false)} />}
      </Popover.Dropdown>
    </Popover>
  );
}

function ShelfFinder({ ticketId, onInsert, onClose }: Props & { onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  const [hits, setHits] = useState<ShelfHit[] | null>(null);
  const [searched, setSearched] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Suggestions that arrive after the agent has searched must not replace the results.
  const searchedOnce = useRef(false);

  useEffect(() => {
    let live = true;
    shelfApi.suggestions(ticketId).then((found) => live && !searchedOnce.current && setHits(found), (failure: Error) => live && !searchedOnce.current && setError(failure.message));
    return () => { live = false; };
  }, [ticketId]);

  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    if (!q) return;
    searchedOnce.current = true;
    setError(null);
    try {
      setHits(await shelfApi.search(q));
      setSearched(q);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <div className="shelf-finder" data-testid="shelf-finder" data-searched={searched ?? undefined}>
      <form className="shelf-search" role="search" onSubmit={(event) => void search(event)}>
        <input name="q" type="search" dir="auto" maxLength={200} placeholder={t('shelf.search')} aria-label={t('shelf.search')} data-autofocus />
        <button type="submit" className="button">{t('shelf.searchButton')}</button>
      </form>
      <p className="shelf-finder__label">{searched ? t('shelf.results') : t('shelf.suggested')}</p>
      {error && <p className="field-error" role="alert">{error}</p>}
      {hits === null && !error && <p className="desk-hint" role="status">…</p>}
      {hits && hits.length === 0 && <p className="desk-hint" role="status">{searched ? t('shelf.noResults') : t('shelf.noSuggestions')}</p>}
      {hits && hits.length > 0 && (
        <ul className="shelf-hits">
          {hits.map((hit) => <HitRow key={hit.itemId} hit={hit} locale={locale} onInsert={onInsert} />)}
        </ul>
      )}
      <div className="dialog-actions"><button type="button" className="button button--quiet" onClick={onClose}>{t('shelf.close')}</button></div>
    </div>
  );
}

export function HitRow({ hit, locale, onInsert }: { hit: ShelfHit; locale: 'ar' | 'en'; onInsert?: Props['onInsert'] }) {
  const { t } = useTranslation();
  const item = { title: titleIn(hit.title, hit.passageLocale ?? locale), passage: hit.passage, link: publicLink(hit.publicPath) };
  return (
    <li className="shelf-hit" data-item-id={hit.itemId}>
      <p className="shelf-hit__title">
        <bdi>{titleIn(hit.title, locale)}</bdi>
        <span className="shelf-badge">{t(`shelf.${hit.kind}`)}</span>
        <span className="shelf-badge" data-audience={hit.audience}>{t(`shelf.${hit.audience}`)}</span>
      </p>
      <p className="shelf-hit__passage" dir="auto">
        {hit.segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
      </p>
      {onInsert && (
        <div className="shelf-hit__actions">
          <button type="button" className="button" onClick={() => onInsert(item, 'passage')} data-testid="insert-passage">{t('shelf.insertPassage')}</button>
          {item.link
            ? <button type="button" className="button button--quiet" onClick={() => onInsert(item, 'link')} data-testid="insert-link">{t('shelf.insertLink')}</button>
            : <span className="desk-hint">{t('shelf.internalOnly')}</span>}
        </div>
      )}
    </li>
  );
}
