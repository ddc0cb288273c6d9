import { Modal } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type ShortcutAction = 'next' | 'previous' | 'reply' | 'note' | 'assign' | 'resolve' | 'search' | 'help';

const KEYS: Record<string, ShortcutAction> = { j: 'next', k: 'previous', r: 'reply', n: 'note', a: 'assign', e: 'resolve', '/': 'search', '?': 'help' };

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Single-key shortcuts, off while typing in a field or with a modifier held (the browser's own shortcuts stay). */
export function useShortcuts(handle: (action: ShortcutAction) => void): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typingInField(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const action = KEYS[event.key];
      if (!action) return;
      event.preventDefault();
      latest.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

const LIST: [string, ShortcutAction | 'send'][] = [
  ['j', 'next'], ['k', 'previous'], ['r', 'reply'], ['n', 'note'], ['a', 'assign'], ['e', 'resolve'], ['/', 'search'], ['?', 'help'], ['Ctrl+Enter', 'send'],
];

export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} closeButtonProps={{ 'aria-label': t('shortcuts.close') }}>
      <dl className="shortcut-list">
        {LIST.map(([key, action]) => (
          <div key={key}>
            <dt><kbd dir="ltr">{key}</kbd></dt>
            <dd>{t(`shortcuts.${action}`)}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
