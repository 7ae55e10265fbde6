import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { i18n } from './i18n/i18n';
import { AppRoutes } from './routes';
import { SessionProvider } from './session/session';
import { theme } from './theme';

/** The staff app, served by the API server under /app. */
export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="bottom-right" limit={4} />
        <SessionProvider>
          <Router base="/app">
            <AppRoutes />
          </Router>
        </SessionProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
