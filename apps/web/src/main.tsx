import '@fontsource/ibm-plex-sans-arabic/arabic-400.css';
import '@fontsource/ibm-plex-sans-arabic/arabic-500.css';
import '@fontsource/ibm-plex-sans-arabic/arabic-700.css';
import '@fontsource/ibm-plex-sans-arabic/latin-400.css';
import '@fontsource/ibm-plex-sans-arabic/latin-500.css';
import '@fontsource/ibm-plex-sans-arabic/latin-700.css';
// Only the Mantine styles of the components the app uses (the whole sheet is 290 KB).
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Popover.css';
import '@mantine/core/styles/Menu.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Drawer.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/inbox.css';
import './styles/ticket.css';
import './styles/composer.css';
import './styles/responsive.css';
import { createTheme, DirectionProvider, MantineProvider } from '@mantine/core';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { directionOf, initialLocale } from './i18n/i18n';

const theme = createTheme({
  fontFamily: '"IBM Plex Sans Arabic", system-ui, sans-serif',
  headings: { fontFamily: '"IBM Plex Sans Arabic", system-ui, sans-serif' },
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'sm',
  // Dialogs and drawers appear without sliding for those who asked their system for less motion.
  respectReducedMotion: true,
});

createRoot(document.getElementById('root')!).render(
  <DirectionProvider initialDirection={directionOf(initialLocale())}>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <App />
    </MantineProvider>
  </DirectionProvider>,
);

// The app's shell is kept by a service worker (built with the app), so the delegate's page opens without a connection.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
