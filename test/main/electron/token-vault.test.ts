import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

import type { StoredSession } from '../../../main/ports';
import { silentLogger } from '../support';
import { stubPlatform } from './support/electron-mock';

const { safeStorageTokenVault } = await import('../../../main/electron/token-vault');

const session: StoredSession = {
  serverUrl: 'https://chat.example',
  token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl',
  user: { id: '01900000-0000-7000-8000-000000000002', username: 'alice', displayName: 'Alice', status: 'online', lastSeenAt: null },
};

let dir: string;
let restorePlatform = (): void => undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-vault-'));
});
afterEach(async () => {
  restorePlatform();
  restorePlatform = () => undefined;
  await rm(dir, { recursive: true, force: true });
});
const file = () => path.join(dir, 'session.json');

describe('safeStorageTokenVault', () => {
  it('stores the session encrypted with the OS key store and reads it back', async () => {
    electron.reset({ encryptionAvailable: true, storageBackend: 'gnome_libsecret' });
    await electron.app.emitReady();
    const vault = safeStorageTokenVault(dir, silentLogger);
    await vault.save(session);
    const stored = await readFile(file(), 'utf8');
    const { encrypted } = JSON.parse(stored) as { encrypted: unknown };
    expect(typeof encrypted).toBe('string');
    expect(Object.keys(JSON.parse(stored) as object)).toEqual(['encrypted']);
    expect(stored).not.toContain(session.token);
    expect(Buffer.from(encrypted as string, 'base64').toString('utf8')).not.toContain(session.token);
    expect(await safeStorageTokenVault(dir, silentLogger).load()).toEqual(session);
    await vault.clear();
    expect(existsSync(file())).toBe(false);
    expect(await vault.load()).toBeNull();
    expect(electron.state.violations).toEqual([]);
  });

  it("keeps the token in memory only on Linux's basic_text backend (a hard-coded key), warning once", async () => {
    restorePlatform = stubPlatform('linux');
    electron.reset({ encryptionAvailable: true, storageBackend: 'basic_text' });
    await electron.app.emitReady();
    const warnings: string[] = [];
    const vault = safeStorageTokenVault(dir, { ...silentLogger, warn: (message) => void warnings.push(message) });
    await vault.save(session);
    await vault.save(session);
    expect(existsSync(file())).toBe(false);
    expect(await vault.load()).toEqual(session);
    expect(warnings).toHaveLength(1);
    expect(await safeStorageTokenVault(dir, silentLogger).load()).toBeNull();
  });

  it('keeps the token in memory only where there is no encryption at all', async () => {
    electron.reset({ encryptionAvailable: false });
    await electron.app.emitReady();
    const vault = safeStorageTokenVault(dir, silentLogger);
    await vault.save(session);
    expect(existsSync(file())).toBe(false);
    expect(await vault.load()).toEqual(session);
  });

  it('ignores a stored session that does not decrypt to a valid one', async () => {
    electron.reset();
    await electron.app.emitReady();
    const encrypted = electron.module.safeStorage.encryptString(JSON.stringify({ ...session, user: { id: 'x' } })).toString('base64');
    await writeFile(file(), JSON.stringify({ encrypted }));
    expect(await safeStorageTokenVault(dir, silentLogger).load()).toBeNull();
    await writeFile(file(), JSON.stringify({ other: 1 }));
    expect(await safeStorageTokenVault(dir, silentLogger).load()).toBeNull();
  });

  it('starts signed out from a session file that is not JSON, and logs why', async () => {
    electron.reset();
    await electron.app.emitReady();
    await writeFile(file(), '{"encrypted": "trunc');
    const warnings: string[] = [];
    const vault = safeStorageTokenVault(dir, { ...silentLogger, warn: (message) => void warnings.push(message) });
    expect(await vault.load()).toBeNull();
    expect(warnings).toEqual([expect.stringContaining(`${file()} cannot be read`)]);
  });

  it('must not be used before ready: safeStorage cannot tell then, and the mock records it', async () => {
    electron.reset();
    await safeStorageTokenVault(dir, silentLogger).load();
    expect(electron.state.violations).toEqual(['safeStorage.isEncryptionAvailable before ready']);
  });
});
