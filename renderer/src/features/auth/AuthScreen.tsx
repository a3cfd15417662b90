import { useId, useState, type FormEvent } from 'react';
import { register, signIn } from '../../services/session';
import { useSessionStore } from '../../stores/session';
import { useSettingsStore } from '../../stores/settings';
import { Icon } from '../../ui/Icon';
import { describeAuthError, validateCredentials, type AuthMode } from './auth-errors';
import './AuthScreen.css';
import { FormError } from '../../ui/FormError';
import { serverUrlProblem } from '../../shared/contract';

export function AuthScreen() {
  const savedUrl = useSettingsStore((s) => s.settings?.serverUrl);
  const session = useSessionStore((s) => s.session);
  const signedOutReason = session?.status === 'signedOut' ? session.reason : null;
  const [mode, setMode] = useState<AuthMode>('sign-in');
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordId = useId();

  // Prefilled from settings (or the last session) until the user types their own.
  const url = serverUrl ?? savedUrl ?? session?.serverUrl ?? '';
  const registering = mode === 'register';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = serverUrlProblem(url) ?? validateCredentials(mode, username, password);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    try {
      if (registering) await register(url.trim(), username.trim().toLowerCase(), password, displayName);
      else await signIn(url.trim(), username.trim(), password);
    } catch (failure) {
      setError(describeAuthError(failure, mode, url));
      setBusy(false);
    }
  };

  const switchMode = () => {
    setMode(registering ? 'sign-in' : 'register');
    setError(null);
  };

  return (
    <main className="auth">
      <div className="auth__card">
        <div className="auth__brand" aria-hidden="true">
          <Icon name="droplet" size={26} />
        </div>
        <h1 className="auth__title">{registering ? 'Create your account' : 'Welcome back'}</h1>
        <p className="auth__subtitle">{registering ? 'Join your team on Droplink.' : 'Sign in to Droplink to continue.'}</p>

        {signedOutReason && !error && (
          <p className="auth__notice" role="status">
            {signedOutReason}
          </p>
        )}

        <form className="auth__form" onSubmit={(event) => void submit(event)} noValidate aria-label={registering ? 'Create account' : 'Sign in'}>
          <label className="field">
            <span className="field__label">Server URL</span>
            <input
              className="input"
              type="url"
              name="server"
              value={url}
              placeholder="Built-in server"
              onChange={(e) => setServerUrl(e.target.value)}
              autoComplete="url"
              spellCheck={false}
            />
          </label>
          <label className="field">
            <span className="field__label">Username</span>
            <input
              className="input"
              name="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
              autoFocus
              required
            />
          </label>
          {registering && (
            <label className="field">
              <span className="field__label">
                Display name <span className="field__optional">(optional)</span>
              </span>
              <input className="input" name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="name" />
            </label>
          )}
          <div className="field">
            <label className="field__label" htmlFor={passwordId}>
              Password
            </label>
            <input
              id={passwordId}
              className="input"
              type="password"
              name="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete={registering ? 'new-password' : 'current-password'}
              aria-describedby={registering ? `${passwordId}-hint` : undefined}
              required
            />
            {registering && (
              <span id={`${passwordId}-hint`} className="field__hint">
                At least 8 characters.
              </span>
            )}
          </div>

          <FormError message={error} withIcon />

          <button className="button button--primary button--block auth__submit" type="submit" disabled={busy}>
            {busy && <span className="spinner spinner--on-accent" aria-hidden="true" />}
            {registering ? 'Create account' : 'Sign in'}
          </button>
        </form>

        <p className="auth__switch">
          {registering ? 'Already have an account?' : 'New to Droplink?'}{' '}
          <button type="button" className="link-button" onClick={switchMode}>
            {registering ? 'Sign in' : 'Create an account'}
          </button>
        </p>
      </div>
    </main>
  );
}
