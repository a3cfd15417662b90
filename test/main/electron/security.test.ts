import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const app = new Emitter();
  type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  type CheckHandler = (contents: unknown, permission: string) => boolean;
  type HeadersListener = (
    details: { url: string; responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void;
  const handlers: { request: RequestHandler | null; check: CheckHandler | null; headers: HeadersListener | null } = {
    request: null,
    check: null,
    headers: null,
  };
  const defaultSession = {
    setPermissionRequestHandler: (handler: RequestHandler) => void (handlers.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => void (handlers.check = handler),
    webRequest: { onHeadersReceived: (listener: HeadersListener) => void (handlers.headers = listener) },
  };
  const opened: string[] = [];
  return { app, defaultSession, handlers, opened, shell: { openExternal: async (url: string) => void opened.push(url) } };
});
vi.mock('electron', () => ({ app: electron.app, session: { defaultSession: electron.defaultSession }, shell: electron.shell }));

const { installContentGuards, installDevCsp } = await import('../../../main/electron/security');

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}
const cancellable = () => ({
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
});

let contents: FakeContents;
beforeEach(() => {
  electron.app.removeAllListeners();
  electron.opened.length = 0;
  installContentGuards(['app://droplink']);
  contents = new FakeContents();
  electron.app.emit('web-contents-created', {}, contents);
});

const navigate = (event: string, url: string): boolean => {
  const e = cancellable();
  contents.emit(event, e, url);
  return !e.prevented;
};

describe('installContentGuards', () => {
  it("allows navigation only to the app's page itself", () => {
    expect(navigate('will-navigate', 'app://droplink/index.html')).toBe(true);
    expect(navigate('will-navigate', 'app://droplink/')).toBe(true);
    expect(navigate('will-navigate', 'app://droplink/index.html?x#y')).toBe(true);
  });

  it('refuses navigation to proxied attachments and other files on the app origin, without opening them outside', () => {
    expect(navigate('will-navigate', 'app://droplink/attachments/00000000-0000-7000-8000-000000000001')).toBe(false);
    expect(navigate('will-navigate', 'app://droplink/assets/index.js')).toBe(false);
    expect(navigate('will-redirect', 'app://droplink/attachments/00000000-0000-7000-8000-000000000001')).toBe(false);
    expect(navigate('will-navigate', 'app://evil/index.html')).toBe(false);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(false);
    expect(electron.opened).toEqual([]);
  });

  it('sends web links to the system browser instead of navigating, and never opens windows', () => {
    expect(navigate('will-navigate', 'https://example.com/page')).toBe(false);
    expect(contents.openHandler?.({ url: 'https://example.com/new' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://droplink/attachments/00000000-0000-7000-8000-000000000001' })).toEqual({ action: 'deny' });
    expect(electron.opened).toEqual(['https://example.com/page', 'https://example.com/new']);
    const webview = cancellable();
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('grants notifications only', () => {
    const answers: boolean[] = [];
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read'])
      electron.handlers.request?.(null, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([true, false, false, false]);
    expect(electron.handlers.check?.(null, 'notifications')).toBe(true);
    expect(electron.handlers.check?.(null, 'media')).toBe(false);
  });
});

describe('installDevCsp', () => {
  it("adds the CSP to the dev server's responses only", () => {
    installDevCsp('http://localhost:5173', 'app://droplink');
    const answer = (url: string) => {
      let response: { responseHeaders?: Record<string, string[]> } = {};
      electron.handlers.headers?.({ url, responseHeaders: { 'x-a': ['1'] } }, (r) => (response = r));
      return response;
    };
    const dev = answer('http://localhost:5173/index.html');
    expect(dev.responseHeaders?.['x-a']).toEqual(['1']);
    expect(dev.responseHeaders?.['Content-Security-Policy']?.[0]).toContain('app://droplink');
    expect(answer('https://chat.example.com/api')).toEqual({});
  });
});
