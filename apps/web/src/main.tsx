import '@fontsource/ibm-plex-sans-arabic/arabic-400.css';
import '@fontsource/ibm-plex-sans-arabic/arabic-500.css';
import '@fontsource/ibm-plex-sans-arabic/arabic-700.css';
import '@fontsource/ibm-plex-sans-arabic/latin-400.css';
import '@fontsource/ibm-plex-sans-arabic/latin-500.css';
import '@fontsource/ibm-plex-sans-arabic/latin-700.css';
import '@mantine/core/styles.css';
import './styles/app.css';
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
});

createRoot(document.getElementById('root')!).render(
  <DirectionProvider initialDirection={directionOf(initialLocale())}>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <App />
    </MantineProvider>
  </DirectionProvider>,
);
