import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { changePassword, signOutEverywhere } from '../../services/session';
import { FormError } from '../../ui/FormError';
import { describePasswordChangeError, passwordChangeProblem } from './account-errors';

/** Settings → Account: change the password, sign out every device. */
export function AccountSettings() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirmingSignOut, setConfirmingSignOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const problem = passwordChangeProblem(current, next, confirm);
    if (problem) return setPasswordError(problem);
    setPasswordError(null);
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setChanged(true);
    } catch (failure) {
      setPasswordError(describePasswordChangeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const signOutEverywhereNow = async () => {
    setSignOutError(null);
    setBusy(true);
    try {
      // On success this window turns to the sign-in screen.
      await signOutEverywhere();
    } catch (failure) {
      setSignOutError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <section className="settings__section" aria-labelledby="settings-account">
      <h3 id="settings-account" className="settings__heading">
        Account
      </h3>
      <form className="settings__password" aria-label="Change password" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          <span className="field__label">Current password</span>
          <input className="input" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">New password</span>
          <input className="input" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">Confirm new password</span>
          <input className="input" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </label>
        <FormError message={passwordError} />
        {changed && (
          <p className="field__hint" role="status">
            Password changed. Your other devices were signed out.
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={busy}>
            Change password
          </button>
        </div>
      </form>
      <div className="settings__sign-out-everywhere">
        <span className="field__hint">Signs out every device where you use Droplink, this one included.</span>
        {confirmingSignOut ? (
          <div className="settings__confirm" role="group" aria-label="Confirm signing out everywhere">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void signOutEverywhereNow()}>
              Sign out all devices
            </button>
            <button type="button" className="button" onClick={() => setConfirmingSignOut(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <div>
            <button type="button" className="button button--danger" onClick={() => setConfirmingSignOut(true)}>
              Sign out everywhere
            </button>
          </div>
        )}
        <FormError message={signOutError} />
      </div>
    </section>
  );
}
