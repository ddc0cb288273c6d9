import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Bold, Heading2, Italic, Link2, List, ListOrdered, Quote } from 'lucide-react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The editor's language: its direction follows it. */
  lang: 'ar' | 'en';
  label: string;
  initial: string;
  onChange: (html: string) => void;
  testId?: string;
}

/**
 * The article editor (tiptap): paragraphs, subheadings, lists, quotes,
 * emphasis and links, which is what the server keeps (libs/shelf sanitises
 * the same set). Arabic and English versions sit side by side, each in its
 * own direction.
 */
export function RichEditor({ lang, label, initial, onChange, testId }: Props) {
  const { t } = useTranslation();
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2, 3] }, code: false, codeBlock: false, link: { openOnClick: false, autolink: true, protocols: ['https', 'http', 'mailto', 'tel'] } })],
    content: initial,
    editorProps: { attributes: { dir: lang === 'ar' ? 'rtl' : 'ltr', lang, 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', ...(testId ? { 'data-testid': testId } : {}) } },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? '' : current.getHTML()),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current?.isActive('bold') ?? false, italic: current?.isActive('italic') ?? false, heading: current?.isActive('heading', { level: 2 }) ?? false,
      bullets: current?.isActive('bulletList') ?? false, numbers: current?.isActive('orderedList') ?? false, quote: current?.isActive('blockquote') ?? false,
      link: current?.isActive('link') ?? false,
    }),
  });
  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const current = editor.getAttributes('link').href as string | undefined;
    const href = window.prompt(t('shelf.toolbar.linkPrompt'), current ?? 'https://');
    if (href === null) return;
    if (!href.trim() || href.trim() === 'https://') chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: href.trim() }).run();
  };
  const tools = [
    { key: 'bold', icon: Bold, run: () => chain().toggleBold().run() },
    { key: 'italic', icon: Italic, run: () => chain().toggleItalic().run() },
    { key: 'heading', icon: Heading2, run: () => chain().toggleHeading({ level: 2 }).run() },
    { key: 'bullets', icon: List, run: () => chain().toggleBulletList().run() },
    { key: 'numbers', icon: ListOrdered, run: () => chain().toggleOrderedList().run() },
    { key: 'quote', icon: Quote, run: () => chain().toggleBlockquote().run() },
    { key: 'link', icon: Link2, run: setLink },
  ] as const;
  return (
    <div className="rich-editor" lang={lang}>
      <div className="rich-editor__toolbar" role="toolbar" aria-label={label}>
        {tools.map(({ key, icon: Icon, run }) => (
          <button key={key} type="button" className="button button--quiet" aria-pressed={state?.[key] ?? false} title={t(`shelf.toolbar.${key}`)} aria-label={t(`shelf.toolbar.${key}`)} onClick={run}>
            <Icon size={15} aria-hidden="true" />
          </button>
        ))}
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
