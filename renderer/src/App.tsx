import { AuthScreen } from './features/auth/AuthScreen';
import { ChatScreen } from './features/chat/ChatScreen';
import { Notices } from './features/notices/Notices';
import { useAppliedTheme } from './features/settings/use-applied-theme';
import { useSessionStore } from './stores/session';
import { useWindowFocus } from './lib/use-window-focus';
import './App.css';

export function App() {
  const session = useSessionStore((s) => s.session);
  useAppliedTheme();
  useWindowFocus();

  if (!window.droplink) {
    return (
      <main className="app-message">
        <h1>Droplink</h1>
        <p>This window must be opened by the Droplink desktop app.</p>
      </main>
    );
  }
  if (!session) {
    return (
      <main className="app-message" aria-busy="true">
        <span className="spinner" role="status" aria-label="Loading" />
      </main>
    );
  }
  return (
    <>
      {session.status === 'signedIn' ? <ChatScreen /> : <AuthScreen />}
      <Notices />
    </>
  );
}
