import { call } from '../bridge/call';
import { BridgeError } from '../bridge/bridge-error';
import { AVATAR_UPLOAD_MAX_BYTES, type User } from '../shared/contract';
import { useAvatarUploadStore } from '../stores/avatar-upload';
import { useUsersStore } from '../stores/users';

/** What the server accepts as an avatar (it re-encodes it to a 256x256 webp). */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

const learn = (user: User): User => {
  useUsersStore.getState().upsertUsers([user]);
  return user;
};

export async function updateDisplayName(displayName: string): Promise<User> {
  const { user } = await call('users:update', { displayName: displayName.trim() });
  return learn(user);
}

/** Uploads a new avatar through main; progress goes to the avatar-upload store. */
export async function setAvatar(file: File): Promise<User> {
  const mime = file.type.toLowerCase();
  if (!(AVATAR_TYPES as readonly string[]).includes(mime)) throw new BridgeError('invalid_input', 'Choose a PNG, JPEG, WebP or GIF image.');
  if (file.size > AVATAR_UPLOAD_MAX_BYTES) throw new BridgeError('too_large', 'That image is larger than 5 MiB. Choose a smaller one.');
  const uploadId = crypto.randomUUID();
  const progress = useAvatarUploadStore.getState();
  progress.start(uploadId, file.size);
  try {
    const data = new Uint8Array(await file.arrayBuffer());
    const { user } = await call('profile:set-avatar', { uploadId, mime: mime as (typeof AVATAR_TYPES)[number], data });
    return learn(user);
  } finally {
    useAvatarUploadStore.getState().finish();
  }
}

export async function removeAvatar(): Promise<User> {
  const { user } = await call('profile:remove-avatar', {});
  return learn(user);
}
