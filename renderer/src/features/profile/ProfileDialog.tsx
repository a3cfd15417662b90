import { useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { AVATAR_TYPES, removeAvatar, setAvatar, updateDisplayName } from '../../services/profile';
import { DISPLAY_NAME_MAX } from '../../shared/contract';
import { useAvatarUploadStore } from '../../stores/avatar-upload';
import { selectMe, useSessionStore } from '../../stores/session';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import './ProfileDialog.css';

/** The signed-in user's own profile: display name and picture. */
export function ProfileDialog({ onClose }: { onClose: () => void }) {
  const me = useSessionStore(selectMe);
  const live = useUsersStore((s) => (me ? s.users[me.id] : undefined));
  const user = live ?? me;
  const upload = useAvatarUploadStore((s) => s.upload);
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [busy, setBusy] = useState<'name' | 'avatar' | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [avatarError, setAvatarError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  if (!user) return null;

  const saveName = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!displayName.trim()) return setNameError('Your name cannot be empty.');
    if (displayName.trim() === user.displayName) return onClose();
    setBusy('name');
    setNameError(null);
    try {
      await updateDisplayName(displayName);
      setSaved(true);
    } catch (failure) {
      setNameError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  };

  const changeAvatar = async (action: () => Promise<unknown>) => {
    setBusy('avatar');
    setAvatarError(null);
    try {
      await action();
    } catch (failure) {
      setAvatarError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  };

  const pickFile = (files: FileList | null) => {
    const file = files?.[0];
    if (fileInput.current) fileInput.current.value = '';
    if (file) void changeAvatar(() => setAvatar(file));
  };

  const percent = upload && upload.total > 0 ? Math.min(100, Math.round((upload.loaded / upload.total) * 100)) : 0;

  return (
    <Dialog title="Your profile" description={`Signed in as @${user.username}`} onClose={onClose}>
      <form onSubmit={(event) => void saveName(event)}>
        <div className="dialog__body">
          <div className="profile__avatar-row">
            <Avatar id={user.id} name={displayNameOf(user)} size={72} imageUrl={user.avatarUrl} />
            <div className="profile__avatar-actions">
              <input
                ref={fileInput}
                id="profile-avatar-file"
                className="visually-hidden"
                type="file"
                accept={AVATAR_TYPES.join(',')}
                aria-label="Choose a picture"
                tabIndex={-1}
                onChange={(e) => pickFile(e.target.files)}
              />
              <button type="button" className="button button--small" disabled={busy === 'avatar'} onClick={() => fileInput.current?.click()}>
                {user.avatarUrl ? 'Change picture' : 'Upload picture'}
              </button>
              {user.avatarUrl && (
                <button
                  type="button"
                  className="button button--small button--ghost"
                  disabled={busy === 'avatar'}
                  onClick={() => void changeAvatar(removeAvatar)}
                >
                  Remove picture
                </button>
              )}
              <span className="field__hint">PNG, JPEG, WebP or GIF, up to 5 MiB.</span>
            </div>
          </div>
          {busy === 'avatar' && upload && (
            <progress className="profile__progress" max={100} value={percent} aria-label="Uploading picture">
              {percent}%
            </progress>
          )}
          <FormError message={avatarError} />
          <label className="field">
            <span className="field__label">Display name</span>
            <input
              className="input"
              value={displayName}
              maxLength={DISPLAY_NAME_MAX}
              aria-invalid={nameError ? true : undefined}
              onChange={(e) => {
                setDisplayName(e.target.value);
                setSaved(false);
              }}
              data-autofocus
            />
          </label>
          <FormError message={nameError} />
          {saved && (
            <p className="profile__saved" role="status">
              Saved.
            </p>
          )}
        </div>
        <div className="dialog__footer">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={busy === 'name'}>
            Save name
          </button>
        </div>
      </form>
    </Dialog>
  );
}
