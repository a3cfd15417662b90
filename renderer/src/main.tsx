import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { subscribeToEvents } from './bridge/subscribe';
import { loadInitialState } from './services/session';
import { warnFailure } from './services/report-failure';
import { loadSettings } from './services/settings';
import { useSessionStore } from './stores/session';
import './styles/theme.css';
import './styles/base.css';

function start(): void {
  if (window.droplink) {
    subscribeToEvents();
    loadInitialState().catch((error: unknown) => {
      // The sign-in screen is the way on; the console keeps why.
      warnFailure('load the session')(error);
      useSessionStore.getState().setSession({ status: 'signedOut', serverUrl: '', reason: null });
    });
    void loadSettings().catch(warnFailure('load the settings'));
  }
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

start();
