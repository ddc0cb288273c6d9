import { CalendarClock, ChartColumn, ClipboardList, Workflow, FileLock, FormInput, Inbox, Keyboard, Languages, LayoutDashboard, Library, LogOut, Mail, Phone, Smartphone } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../workspace/workspace-context';
import { AgentStatusControl } from './agent-status';
import { ConnectionStatus } from './connection-status';
import { LogCallButton } from '../desks/log-call-button';
import { worksDesks } from '../desks/desk-access';
import { callsHref, caseTypesAdminHref, casesHref, formsAdminHref, inboxHref, lettersHref, noticesHref, reportsHref, serviceSettingsHref, shelfHref, supervisorHref, whatsAppAdminHref, type Route } from './router';

/** The top bar: where am I, the connection, language, shortcuts and sign-out. */
export function AppHeader({ route, onHelp, onSignOut }: { route: Route; onHelp: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  const { me, organizationName, isSupervisor, realtime, locale, setLocale } = useWorkspace();
  return (
    <header className="app-header">
      <a className="skip-link" href="#ticket-list">{t('app.skipToList')}</a>
      <a className="skip-link" href="#ticket">{t('app.skipToTicket')}</a>
      <div className="app-header__brand">
        <span className="app-header__title">{t('app.title')}</span>
        <bdi className="app-header__organization">{organizationName}</bdi>
      </div>
      <nav className="app-header__nav" aria-label={t('app.title')}>
        <a href={route.page === 'inbox' ? inboxHref(route.view) : inboxHref('mine')} aria-current={route.page === 'inbox' ? 'page' : undefined}>
          <Inbox size={16} aria-hidden="true" />{t('shell.inbox')}
        </a>
        {isSupervisor && (
          <a href={supervisorHref} aria-current={route.page === 'supervisor' ? 'page' : undefined} data-testid="supervisor-link">
            <LayoutDashboard size={16} aria-hidden="true" />{t('shell.supervisor')}
          </a>
        )}
        {isSupervisor && (
          <a href={reportsHref} aria-current={route.page === 'reports' ? 'page' : undefined} data-testid="reports-link">
            <ChartColumn size={16} aria-hidden="true" />{t('reports.link')}
          </a>
        )}
        {worksDesks(me.roles) && (
          <>
            <a href={callsHref} aria-current={route.page === 'calls' ? 'page' : undefined} data-testid="calls-link">
              <Phone size={16} aria-hidden="true" />{t('calls.link')}
            </a>
            <a href={lettersHref} aria-current={route.page === 'letters' ? 'page' : undefined} data-testid="letters-link">
              <Mail size={16} aria-hidden="true" />{t('letters.link')}
            </a>
          </>
        )}
        {me.roles.some((role) => role === 'admin' || role === 'supervisor' || role === 'researcher') && (
          <a href={casesHref} aria-current={route.page === 'cases' ? 'page' : undefined} data-testid="cases-link">
            <ClipboardList size={16} aria-hidden="true" />{t('cases.link')}
          </a>
        )}
        {me.roles.some((role) => role !== 'delegate') && (
          <a href={shelfHref} aria-current={route.page === 'shelf' ? 'page' : undefined} data-testid="shelf-link">
            <Library size={16} aria-hidden="true" />{t('shelf.link')}
          </a>
        )}
        {me.roles.includes('admin') && (
          <a href={formsAdminHref} aria-current={route.page === 'forms' ? 'page' : undefined} data-testid="forms-admin-link">
            <FormInput size={16} aria-hidden="true" />{t('formsAdmin.link')}
          </a>
        )}
        {me.roles.includes('admin') && (
          <a href={serviceSettingsHref} aria-current={route.page === 'service' ? 'page' : undefined} data-testid="service-settings-link">
            <CalendarClock size={16} aria-hidden="true" />{t('service.link')}
          </a>
        )}
        {me.roles.includes('admin') && (
          <a href={caseTypesAdminHref} aria-current={route.page === 'caseTypes' ? 'page' : undefined} data-testid="case-types-link">
            <Workflow size={16} aria-hidden="true" />{t('caseTypes.link')}
          </a>
        )}
        {me.roles.includes('admin') && (
          <a href={whatsAppAdminHref} aria-current={route.page === 'whatsapp' ? 'page' : undefined} data-testid="whatsapp-admin-link">
            <Smartphone size={16} aria-hidden="true" />{t('whatsappAdmin.link')}
          </a>
        )}
        {me.roles.includes('admin') && (
          <a href={noticesHref} aria-current={route.page === 'notices' ? 'page' : undefined} data-testid="notices-link">
            <FileLock size={16} aria-hidden="true" />{t('notices.link')}
          </a>
        )}
      </nav>
      <ConnectionStatus realtime={realtime} />
      <div className="app-header__tools">
        {worksDesks(me.roles) && <LogCallButton />}
        <AgentStatusControl />
        <button
          type="button"
          className="button button--quiet"
          onClick={() => setLocale(locale === 'ar' ? 'en' : 'ar')}
          lang={locale === 'ar' ? 'en' : 'ar'}
          data-testid="language-toggle"
        >
          <Languages size={16} aria-hidden="true" />{t('language.switchTo')}
        </button>
        <button type="button" className="button button--quiet" onClick={onHelp} aria-label={t('shell.shortcuts')} aria-keyshortcuts="?">
          <Keyboard size={16} aria-hidden="true" />
        </button>
        <span className="app-header__user" title={t('shell.user', { name: me.name })}><bdi>{me.name}</bdi></span>
        <button type="button" className="button button--quiet" onClick={onSignOut} aria-label={t('shell.signOut')}>
          <LogOut size={16} aria-hidden="true" className="mirror-rtl" />
        </button>
      </div>
    </header>
  );
}
