import { describe, expect, it } from 'vitest';
import { INVOKE_NAMES, invokeChannel, type InvokeResponse } from '../../../common/ipc';
import type { IpcHandler, IpcPort, IpcSender } from '../../../main/ports';
import { DesktopError } from '../../../main/services/errors';
import { answerInvoke, isAppPageUrl, mainWindowSenderPolicy, originOf, registerInvokeHandlers, type InvokeHandlers } from '../../../main/services/ipc-router';
import { silentLogger } from '../support';

const MAIN: IpcSender = { webContentsId: 7, url: 'app://droplink/index.html' };
const trustMain = mainWindowSenderPolicy(() => 7, ['app://droplink']);

describe('mainWindowSenderPolicy', () => {
  it("trusts only the main window's webContents showing the app's own origin", () => {
    expect(trustMain(MAIN)).toBe(true);
    expect(trustMain({ webContentsId: 8, url: MAIN.url })).toBe(false);
    expect(trustMain({ webContentsId: 7, url: 'https://evil.example/index.html' })).toBe(false);
    expect(trustMain({ webContentsId: 7, url: 'app://evil/index.html' })).toBe(false);
    expect(trustMain({ webContentsId: 7, url: 'file:///etc/index.html' })).toBe(false);
    expect(trustMain({ webContentsId: 7, url: 'not a url' })).toBe(false);
    expect(mainWindowSenderPolicy(() => null, ['app://droplink'])(MAIN)).toBe(false);
  });

  it("accepts only the app's page: not attachments or other files on its origin; the dev server's page in dev", () => {
    expect(trustMain({ webContentsId: 7, url: 'app://droplink/' })).toBe(true);
    expect(trustMain({ webContentsId: 7, url: 'app://droplink/index.html?x#room' })).toBe(true);
    expect(trustMain({ webContentsId: 7, url: 'app://droplink/attachments/00000000-0000-7000-8000-000000000001' })).toBe(false);
    expect(trustMain({ webContentsId: 7, url: 'app://droplink/assets/index.js' })).toBe(false);
    expect(trustMain({ webContentsId: 7, url: 'app://droplink/index.html/x' })).toBe(false);
    const dev = mainWindowSenderPolicy(() => 7, ['app://droplink', 'http://localhost:5173']);
    expect(dev({ webContentsId: 7, url: 'http://localhost:5173/' })).toBe(true);
    expect(dev({ webContentsId: 7, url: 'http://localhost:5173/attachments/00000000-0000-7000-8000-000000000001' })).toBe(false);
    expect(dev({ webContentsId: 7, url: 'http://localhost:5173/@vite/client' })).toBe(false);
    expect(isAppPageUrl('app://droplink/index.html', ['app://droplink'])).toBe(true);
    expect(isAppPageUrl('not a url', ['app://droplink'])).toBe(false);
  });

  it('builds origins for custom schemes too (URL#origin says "null" for them)', () => {
    expect(originOf('app://droplink/a/b.html?x')).toBe('app://droplink');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
  });
});

describe('answerInvoke', () => {
  const ok = async () => ({}) as never;

  it('refuses untrusted senders before looking at the arguments', async () => {
    let called = false;
    const response = await answerInvoke(
      'ui:focus-room',
      async () => ((called = true), {}),
      trustMain,
      { webContentsId: 99, url: MAIN.url },
      { roomId: null },
      silentLogger,
    );
    expect(response).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) as string } });
    expect(called).toBe(false);
  });

  it.each([
    ['messages:send', { roomId: 'nope', body: 'x' }],
    ['messages:send', { roomId: '00000000-0000-7000-8000-000000000001', body: 42 }],
    ['settings:set', { theme: 'neon' }],
    ['settings:set', { unknownKey: true }],
    ['session:get', { extra: 1 }],
    ['receipts:read', { roomId: '00000000-0000-7000-8000-000000000001', seq: -1 }],
    ['outbox:retry', null],
    ['shell:open-external', 'https://example.com'],
    ['settings:set', { serverUrl: 'javascript:alert(1)' }],
    ['session:login', { serverUrl: 'file:///etc/passwd', username: 'a', password: 'b' }],
    ['profile:set-avatar', { uploadId: '00000000-0000-7000-8000-000000000001', mime: 'image/svg+xml', data: new Uint8Array(4) }],
    ['profile:set-avatar', { uploadId: '00000000-0000-7000-8000-000000000001', mime: 'image/png', data: new Uint8Array(0) }],
    ['profile:set-avatar', { uploadId: '00000000-0000-7000-8000-000000000001', mime: 'image/png', data: 'iVBORw0KGgo=' }],
    ['profile:set-avatar', { uploadId: 'nope', mime: 'image/png', data: new Uint8Array(4) }],
    ['profile:remove-avatar', { userId: '00000000-0000-7000-8000-000000000001' }],
    ['images:link', { path: 'https://evil.example/a.png' }],
    ['images:link', { path: '/api/files/00000000-0000-7000-8000-000000000001' }],
    ['images:link', { path: '/api/users/00000000-0000-7000-8000-000000000001/avatar?v=1&token=x' }],
    ['images:link', { path: '/api/previews/../../me/image' }],
  ] as const)('%s with %j -> invalid_input, handler not called', async (name, args) => {
    let called = false;
    const response = await answerInvoke(name, async () => ((called = true), {}) as never, trustMain, MAIN, args, silentLogger);
    expect(response.ok).toBe(false);
    expect((response as Extract<InvokeResponse<typeof name>, { ok: false }>).error.code).toBe('invalid_input');
    expect(called).toBe(false);
  });

  it('uploads:start over the upload limit -> invalid_input saying so, handler not called', async () => {
    let called = false;
    const args = { uploadId: '00000000-0000-7000-8000-000000000001', name: 'big.bin', mime: '', data: new Uint8Array(25 * 1024 * 1024 + 1) };
    const response = await answerInvoke('uploads:start', async () => ((called = true), {}) as never, trustMain, MAIN, args, silentLogger);
    expect(response).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Invalid arguments for uploads:start: data: files larger than 25 MiB cannot be uploaded' },
    });
    expect(called).toBe(false);
  });

  it('profile:set-avatar over 5 MiB -> invalid_input saying so; exactly 5 MiB passes', async () => {
    let calls = 0;
    const avatar = (bytes: number) => ({ uploadId: '00000000-0000-7000-8000-000000000001', mime: 'image/png', data: new Uint8Array(bytes) });
    const handler = async () => ((calls += 1), {}) as never;
    const tooBig = await answerInvoke('profile:set-avatar', handler, trustMain, MAIN, avatar(5 * 1024 * 1024 + 1), silentLogger);
    expect(tooBig).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Invalid arguments for profile:set-avatar: data: avatars larger than 5 MiB cannot be uploaded' },
    });
    expect(calls).toBe(0);
    expect((await answerInvoke('profile:set-avatar', handler, trustMain, MAIN, avatar(5 * 1024 * 1024), silentLogger)).ok).toBe(true);
    expect(calls).toBe(1);
  });

  it('images:link accepts the avatar and preview paths the protocol hands out', async () => {
    for (const path of ['/api/users/00000000-0000-7000-8000-000000000001/avatar?v=2', '/api/previews/00000000-0000-7000-8000-000000000001/image'])
      expect((await answerInvoke('images:link', async () => ({ url: 'x' }), trustMain, MAIN, { path }, silentLogger)).ok).toBe(true);
  });

  it('passes parsed (trimmed, defaulted) args and wraps the value', async () => {
    const response = await answerInvoke(
      'messages:history',
      async (args) => {
        expect(args).toEqual({ roomId: '00000000-0000-7000-8000-000000000001', limit: 50 });
        return { messages: [], hasMore: false };
      },
      trustMain,
      MAIN,
      { roomId: '00000000-0000-7000-8000-000000000001' },
      silentLogger,
    );
    expect(response).toEqual({ ok: true, value: { messages: [], hasMore: false } });
  });

  it('turns failures into error envelopes, never leaking internals', async () => {
    const known = await answerInvoke(
      'outbox:list',
      async () => {
        throw new DesktopError({ code: 'not_found', message: 'gone' });
      },
      trustMain,
      MAIN,
      {},
      silentLogger,
    );
    expect(known).toEqual({ ok: false, error: { code: 'not_found', message: 'gone' } });
    const unknown = await answerInvoke(
      'outbox:list',
      async () => {
        throw new Error('/home/me/secret.ts:12 exploded');
      },
      trustMain,
      MAIN,
      {},
      silentLogger,
    );
    expect(unknown).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in the app.' } });
    void ok;
  });
});

describe('registerInvokeHandlers', () => {
  it('binds every invoke of the contract to its own channel', async () => {
    const registered = new Map<string, IpcHandler>();
    const port: IpcPort = { handle: (channel, handler) => void registered.set(channel, handler), send: () => undefined };
    const handlers = Object.fromEntries(INVOKE_NAMES.map((name) => [name, async () => ({ name })])) as unknown as InvokeHandlers;
    registerInvokeHandlers(port, handlers, trustMain, silentLogger);
    expect([...registered.keys()].sort()).toEqual(INVOKE_NAMES.map(invokeChannel).sort());
    const answer = await registered.get(invokeChannel('app:info'))!(MAIN, {});
    expect(answer).toEqual({ ok: true, value: { name: 'app:info' } });
  });

  it('is typed so that a missing handler does not compile', () => {
    // @ts-expect-error every invoke of the contract needs a handler
    const incomplete: InvokeHandlers = { 'app:info': async () => ({ version: '1', platform: 'linux', profile: 'default' }) };
    expect(incomplete).toBeDefined();
  });
});
