import { describe, expect, it } from 'vitest';
import type { StoredSession, TokenVault } from '../../../main/ports';
import { SessionService } from '../../../main/services/session-service';
import { testLogger } from '../../harness/recording-ports';

const USER = { id: '00000000-0000-7000-8000-000000000001', username: 'alice', displayName: 'Alice', status: 'online' as const, lastSeenAt: null };

function memoryVault(initial: StoredSession | null): TokenVault & { cleared: number } {
  let stored = initial;
  const vault = {
    cleared: 0,
    load: async () => stored,
    save: async (session: StoredSession) => void (stored = session),
    clear: async () => {
      stored = null;
      vault.cleared += 1;
    },
  };
  return vault;
}
const localServer = { endpoint: async () => ({ url: 'http://127.0.0.1:4000', clientSecret: 'local-secret-for-tests-only' }) };

describe('SessionService.restore', () => {
  it('restores a stored session on an acceptable server URL', async () => {
    const vault = memoryVault({ serverUrl: 'https://chat.example.com/', token: 't', user: USER });
    const session = new SessionService(vault, localServer, testLogger('s'), () => '');
    await session.restore();
    expect(session.current()).toEqual({ url: 'https://chat.example.com', token: 't', user: USER });
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@chat.example.com'])(
    'never connects to a stored %s: signs out and forgets the token',
    async (serverUrl) => {
      const vault = memoryVault({ serverUrl, token: 't', user: USER });
      const log = testLogger('s');
      const session = new SessionService(vault, localServer, log, () => '');
      await session.restore();
      expect(session.current()).toBeNull();
      expect(session.state()).toMatchObject({ status: 'signedOut' });
      expect(vault.cleared).toBe(1);
      expect(log.lines.join('\n')).toContain('stored server URL is not acceptable');
      expect(log.lines.join('\n')).not.toContain(serverUrl);
    },
  );
});

describe('SessionService.updateUser', () => {
  it("keeps the signed-in user's new profile in state() and the vault, without telling listeners (no reconnect)", async () => {
    const vault = memoryVault({ serverUrl: 'https://chat.example.com/', token: 't', user: USER });
    const session = new SessionService(vault, localServer, testLogger('s'), () => '');
    await session.restore();
    const target = session.current();
    let told = 0;
    session.onChange(() => (told += 1));
    const renamed = { ...USER, displayName: 'Alice Liddell', avatarUrl: `/api/users/${USER.id}/avatar?v=2` };
    await session.updateUser(renamed);
    expect(session.state()).toMatchObject({ status: 'signedIn', user: renamed });
    expect((await vault.load())?.user).toEqual(renamed);
    expect((await vault.load())?.token).toBe('t');
    expect(session.current()).toBe(target);
    expect(told).toBe(0);
  });

  it("ignores someone else's profile and a signed-out session", async () => {
    const vault = memoryVault({ serverUrl: 'https://chat.example.com/', token: 't', user: USER });
    const session = new SessionService(vault, localServer, testLogger('s'), () => '');
    await session.restore();
    await session.updateUser({ ...USER, id: '00000000-0000-7000-8000-000000000002', displayName: 'Mallory' });
    expect((await vault.load())?.user).toEqual(USER);
    await session.logout();
    await session.updateUser({ ...USER, displayName: 'Ghost' });
    expect(await vault.load()).toBeNull();
  });
});
