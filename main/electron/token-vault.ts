import { rm } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import { UserSchema } from '../../common/protocol';
import type { Logger, StoredSession, TokenVault } from '../ports';
import { readJsonFile, writeJsonFileAtomic } from '../storage/json-file';

/**
 * Keeps the session encrypted with the OS keychain (safeStorage), base64 in `session.json`.
 * Where encryption is not available (Linux without a keyring, where safeStorage would fall back
 * to a hard-coded key) the token is kept in memory only and never written in clear text: the
 * user signs in again after a restart. Only usable after app `ready`.
 */
export function safeStorageTokenVault(userDataDir: string, log: Logger): TokenVault {
  const file = path.join(userDataDir, 'session.json');
  let memoryOnly: StoredSession | null = null;
  let warned = false;
  const encryptionUsable = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  };

  return {
    async load() {
      if (!encryptionUsable()) return memoryOnly;
      const stored = (await readJsonFile(file).catch((err: unknown) => {
        log.warn(`token vault: ${file} cannot be read; starting signed out (signing in replaces it)`, err);
        return undefined;
      })) as { encrypted?: unknown } | undefined;
      if (typeof stored?.encrypted !== 'string') return null;
      const raw = JSON.parse(safeStorage.decryptString(Buffer.from(stored.encrypted, 'base64'))) as Partial<StoredSession>;
      const user = UserSchema.safeParse(raw.user);
      if (typeof raw.token !== 'string' || typeof raw.serverUrl !== 'string' || !user.success) return null;
      return { serverUrl: raw.serverUrl, token: raw.token, user: user.data };
    },
    async save(session) {
      if (!encryptionUsable()) {
        if (!warned) log.warn('token vault: OS encryption is unavailable; the session is kept in memory only (sign in again after a restart)');
        warned = true;
        memoryOnly = session;
        return;
      }
      const encrypted = safeStorage.encryptString(JSON.stringify(session)).toString('base64');
      await writeJsonFileAtomic(file, { encrypted });
    },
    async clear() {
      memoryOnly = null;
      await rm(file, { force: true });
    },
  };
}
