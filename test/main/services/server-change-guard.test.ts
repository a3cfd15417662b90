import { describe, expect, it } from 'vitest';
import type { ConfirmRequest, DialogPort } from '../../../main/ports';
import { DesktopError } from '../../../main/services/errors';
import { ServerChangeGuard } from '../../../main/services/server-change-guard';

/** A dialog that answers from a script and records what it was asked. */
function scriptedDialog(...answers: boolean[]): DialogPort & { asked: ConfirmRequest[] } {
  const asked: ConfirmRequest[] = [];
  return {
    asked,
    confirm: async (request) => {
      asked.push(request);
      return answers.shift() ?? false;
    },
  };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(DesktopError);
  return (error as DesktopError).info;
};

describe('ServerChangeGuard', () => {
  it('does not ask when the server stays the same (however it is spelled) and is https or loopback', async () => {
    for (const [current, next] of [
      ['https://chat.example.com', 'https://Chat.Example.com/'],
      ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
      ['', '  '],
    ]) {
      const dialog = scriptedDialog();
      await new ServerChangeGuard(dialog, () => current!).approve(next!, 'sign-in');
      expect(dialog.asked).toEqual([]);
    }
  });

  it('asks before switching servers; declined throws forbidden, accepted resolves', async () => {
    const dialog = scriptedDialog(false, true);
    const guard = new ServerChangeGuard(dialog, () => 'https://old.example.com');
    expect(await refusal(guard.approve('https://new.example.com', 'settings'))).toEqual({ code: 'forbidden', message: 'The server was not changed.' });
    await guard.approve('https://new.example.com', 'settings');
    expect(dialog.asked).toHaveLength(2);
    expect(dialog.asked[0]).toMatchObject({ severity: 'question', message: 'Switch to the server at https://new.example.com?', confirmLabel: 'Switch server' });
    expect(dialog.asked[0]?.detail).toContain('https://old.example.com');
  });

  it('switching from the built-in server to another asks too, naming both', async () => {
    const dialog = scriptedDialog(true);
    await new ServerChangeGuard(dialog, () => '').approve('https://chat.example.com', 'sign-in');
    expect(dialog.asked[0]?.detail).toMatch(/the built-in server.*password will be sent to https:\/\/chat\.example\.com/);
  });

  it('plain http to another host asks with a clear-text warning, even when it is already the configured server', async () => {
    const dialog = scriptedDialog(false);
    const guard = new ServerChangeGuard(dialog, () => 'http://example.test');
    const info = await refusal(guard.approve('http://example.test', 'sign-in'));
    expect(info.code).toBe('forbidden');
    expect(info.message).toMatch(/did not confirm the server http:\/\/example\.test/);
    expect(dialog.asked[0]).toMatchObject({ severity: 'warning', title: 'Unencrypted connection' });
    expect(dialog.asked[0]?.detail).toMatch(/password and your sign-in token would travel over the network in clear text/);
  });

  it('one warning covers both the switch and the clear text, and is not repeated for the same server in this run', async () => {
    const dialog = scriptedDialog(true);
    let current = 'https://old.example.com';
    const guard = new ServerChangeGuard(dialog, () => current);
    await guard.approve('http://example.test:8080', 'settings');
    current = 'http://example.test:8080';
    await guard.approve('http://EXAMPLE.test:8080/', 'sign-in');
    expect(dialog.asked).toHaveLength(1);
    expect(dialog.asked[0]?.severity).toBe('warning');
    expect(dialog.asked[0]?.detail).toMatch(/It replaces https:\/\/old\.example\.com\./);
  });

  it('refuses invalid URLs without asking, with the rule that failed', async () => {
    const dialog = scriptedDialog(true);
    const guard = new ServerChangeGuard(dialog, () => '');
    const info = await refusal(guard.approve('javascript:alert(1)', 'settings'));
    expect(info.code).toBe('invalid_input');
    expect(info.message).toMatch(/https:\/\//);
    expect(dialog.asked).toEqual([]);
  });

  it('one question at a time: a second request while a dialog is open is refused, and a failing dialog counts as Cancel', async () => {
    let answer: (value: boolean) => void = () => undefined;
    const dialog: DialogPort = { confirm: () => new Promise<boolean>((resolve) => (answer = resolve)) };
    const guard = new ServerChangeGuard(dialog, () => '');
    const first = guard.approve('https://a.example.com', 'settings');
    expect((await refusal(guard.approve('https://b.example.com', 'settings'))).code).toBe('conflict');
    answer(true);
    await first;
    const broken = new ServerChangeGuard({ confirm: () => Promise.reject(new Error('no display')) }, () => '');
    expect((await refusal(broken.approve('https://a.example.com', 'settings'))).code).toBe('forbidden');
  });
});
