import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../renderer/src/bridge/bridge-error';
import { call } from '../../../renderer/src/bridge/call';
import { FakeFailure, installFakeBridge } from '../support/fake-bridge';

describe('call', () => {
  it('unwraps a successful envelope', async () => {
    installFakeBridge().handle('app:info', () => ({ version: '1.2.3', platform: 'linux', profile: 'default' }));
    await expect(call('app:info', {})).resolves.toEqual({ version: '1.2.3', platform: 'linux', profile: 'default' });
  });

  it('throws a BridgeError with the code and message of a failure', async () => {
    installFakeBridge().handle('rooms:join', () => {
      throw new FakeFailure('forbidden', 'Only channels can be joined.');
    });
    const error = await call('rooms:join', { roomId: '00000000-0000-7000-8000-000000000001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'Only channels can be joined.' });
  });

  it('says so when there is no bridge (not running in the desktop app)', async () => {
    await expect(call('app:info', {})).rejects.toMatchObject({ code: 'unavailable' });
  });
});
