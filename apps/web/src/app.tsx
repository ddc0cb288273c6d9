import { lazy, Suspense, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api/http';
import type { Locale, ReplyTemplate, Workspace } from './api/types';
import { LoginPage } from './auth/login-page';
import { session } from './auth/session';
import { applyLocale, initialLocale } from './i18n/i18n';
import { InboxPage } from './inbox/inbox-page';
import { useCounts } from './inbox/use-inbox-data';
import { RealtimeClient } from './realtime/realtime-client';
import { AppHeader } from './shell/app-header';
import { useRoute } from './shell/router';
import { Notifications } from './shell/notifications';
import { ShortcutHelp } from './shell/shortcuts';
import { useWorkspace, WorkspaceProvider } from './workspace/workspace-context';

// Supervisors' screens are not part of the inbox's first load.
const SupervisorPage = lazy(() => import('./supervisor/supervisor-page'));
// Admins' screens too.
const NoticesPage = lazy(() => import('./admin/notices-page'));
const WhatsAppPage = lazy(() => import('./admin/whatsapp-page'));
const CommitteePage = lazy(() => import('./cases/committee-page'));
const ContactFilePage = lazy(() => import('./cases/contact-file-page'));
const CaseTypesPage = lazy(() => import('./admin/case-types-page'));
// The delegate's phone page (#/delegate) runs on its own, without the inbox or its socket, so it keeps working offline.
const DelegatePage = lazy(() => import('./delegate/delegate-page'));
// The calls and letters desks.
const CallsPage = lazy(() => import('./desks/calls-page'));
const LettersPage = lazy(() => import('./desks/letters-page'));
const FormsAdminPage = lazy(() => import('./admin/forms-admin-page'));
// The dashboard carries its charting library; only supervisors load it.
const ReportsPage = lazy(() => import('./reports/reports-page'));
const ServiceSettingsPage = lazy(() => import('./admin/service-settings-page'));
// The shelf carries its rich-text editor.
const ShelfPage = lazy(() => import('./shelf/shelf-page'));

export function App() {
  const signedIn = useSyncExternalStore(session.subscribe, () => session.signedIn);
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const changeLocale = useCallback((next: Locale) => {
    applyLocale(next);
    setLocaleState(next);
  }, []);
  useEffect(() => applyLocale(locale), [locale]);
  const route = useRoute();
  if (!signedIn) return <LoginPage locale={locale} onLocale={changeLocale} />;
  if (route.page === 'delegate') return <Suspense fallback={null}><DelegatePage locale={locale} onLocale={changeLocale} /></Suspense>;
  return <SignedIn locale={locale} onLocale={changeLocale} />;
}

function SignedIn({ locale, onLocale }: { locale: Locale; onLocale: (locale: Locale) => void }) {
  const { t } = useTranslation();
  const realtime = useMemo(() => new RealtimeClient(() => session.accessToken, () => session.refresh()), []);
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);

  useEffect(() => {
    realtime.connect();
    return () => realtime.disconnect();
  }, [realtime]);

  useEffect(() => {
    api.workspace().then((value) => {
      setWorkspace(value);
      // The user's own language, wherever they signed in.
      if (value.user.locale && value.user.locale !== locale) onLocale(value.user.locale);
    }, (error: Error) => setFailure(error.message));
    api.templates().then(setTemplates, () => setTemplates([]));
    // Once per sign-in.
  }, []);

  const setLocale = useCallback((next: Locale) => {
    onLocale(next);
    void api.setLocale(next).catch(() => undefined);
  }, [onLocale]);

  if (failure) return <p className="list-message" role="alert">{t('errors.generic', { message: failure })}</p>;
  if (!workspace) return <p className="list-message" role="status">{t('list.loading')}</p>;
  return (
    <WorkspaceProvider workspace={workspace} locale={locale} setLocale={setLocale} realtime={realtime}>
      <Screens templates={templates} />
    </WorkspaceProvider>
  );
}

function Screens({ templates }: { templates: ReplyTemplate[] }) {
  const { t } = useTranslation();
  const { realtime, isSupervisor } = useWorkspace();
  const route = useRoute();
  const counts = useCounts(realtime);
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const signOut = () => void api.logout(session.refreshToken).catch(() => undefined).finally(() => session.signOut());
  return (
    <div className="app">
      <AppHeader route={route} onHelp={openHelp} onSignOut={signOut} />
      <ShortcutHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
      <Notifications />
      {route.page === 'notices' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <NoticesPage />
        </Suspense>
      ) : route.page === 'cases' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <CommitteePage />
        </Suspense>
      ) : route.page === 'contact' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <ContactFilePage contactId={route.contactId} />
        </Suspense>
      ) : route.page === 'caseTypes' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <CaseTypesPage />
        </Suspense>
      ) : route.page === 'whatsapp' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <WhatsAppPage />
        </Suspense>
      ) : route.page === 'calls' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <CallsPage />
        </Suspense>
      ) : route.page === 'reports' && isSupervisor ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <ReportsPage />
        </Suspense>
      ) : route.page === 'service' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <ServiceSettingsPage />
        </Suspense>
      ) : route.page === 'shelf' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <ShelfPage />
        </Suspense>
      ) : route.page === 'forms' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <FormsAdminPage />
        </Suspense>
      ) : route.page === 'letters' ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <LettersPage />
        </Suspense>
      ) : route.page === 'supervisor' && isSupervisor ? (
        <Suspense fallback={<p className="list-message" role="status">{t('list.loading')}</p>}>
          <SupervisorPage />
        </Suspense>
      ) : (
        <InboxPage
          view={route.page === 'inbox' ? route.view : 'mine'}
          ticketId={route.page === 'inbox' ? route.ticketId : null}
          counts={counts}
          templates={templates}
          onHelp={openHelp}
        />
      )}
    </div>
  );
}
