import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/ipc';
import { buildDiagnostics, safeServerUrl, type DiagnosticsInput } from '../../../main/services/diagnostics';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWJ5dGVz';

const input = (overrides: Partial<DiagnosticsInput> = {}): DiagnosticsInput => ({
  app: { name: 'Droplink', version: '0.1.0', packaged: true, profile: 'work' },
  versions: { electron: '45.6.0', chrome: '142.0.7444.0', node: '22.20.0' },
  os: { platform: 'linux', release: '6.8.0', arch: 'x64' },
  settings: {
    ...DEFAULT_SETTINGS,
    serverUrl: `https://alice:hunter2@chat.example/droplink?token=${TOKEN}#frag`,
    mutedRoomIds: ['01900000-0000-7000-8000-000000000001'],
  },
  session: {
    status: 'signedIn',
    serverUrl: 'https://chat.example/droplink',
    user: { id: '01900000-0000-7000-8000-000000000002', username: 'alice', displayName: 'Alice Liddell', status: 'online', lastSeenAt: null },
  },
  connection: { status: 'offline', retryAt: '2026-12-04T01:00:05.000Z', reason: `401 for Bearer ${TOKEN}` },
  localServer: { state: 'running', url: 'http://127.0.0.1:40123' },
  paths: { logs: '/home/alice/.config/Droplink-work/logs', crashDumps: '/home/alice/.config/Droplink-work/Crashpad' },
  crashUploadUrl: null,
  ...overrides,
});

describe('buildDiagnostics', () => {
  it('reports versions, OS, connection, local server, paths and settings', () => {
    const text = buildDiagnostics(input());
    expect(text).toContain('Droplink 0.1.0 (installed build, profile work)');
    expect(text).toContain('Electron 45.6.0, Chrome 142.0.7444.0, Node 22.20.0');
    expect(text).toContain('OS: linux 6.8.0 (x64)');
    expect(text).toContain('Session: signed in to https://chat.example/droplink');
    expect(text).toMatch(/Connection: offline \(.*\), next retry 2026-12-04T01:00:05.000Z/);
    expect(text).toContain('Local server: running at http://127.0.0.1:40123');
    expect(text).toContain('Logs: /home/alice/.config/Droplink-work/logs');
    expect(text).toContain('kept on this machine, not uploaded');
    expect(text).toContain('serverUrl: https://chat.example/droplink');
    expect(text).toContain('mutedRooms: 1');
    expect(text).toContain('theme: "system"');
    expect(text).toContain('autoAwayMinutes: 10');
  });

  it('never contains the token, passwords, URL credentials or who is signed in', () => {
    const text = buildDiagnostics(input());
    for (const secret of [TOKEN, 'hunter2', 'alice:', 'token=', '#frag', 'Alice Liddell', '01900000-0000-7000-8000-000000000002'])
      expect(text, secret).not.toContain(secret);
  });

  it('redacts secret-looking settings added later, whatever they are called', () => {
    const settings = { ...input().settings, proxyPassword: 'pw-123', apiToken: 'tk-456', nested: { clientSecret: 'cs-789' } } as DiagnosticsInput['settings'];
    const text = buildDiagnostics(input({ settings }));
    for (const secret of ['pw-123', 'tk-456', 'cs-789']) expect(text).not.toContain(secret);
    expect(text).toContain('proxyPassword: "[redacted]"');
  });

  it('describes signed-out, the bundled server, failed local servers and crash uploads', () => {
    const text = buildDiagnostics(
      input({
        settings: { ...DEFAULT_SETTINGS },
        session: { status: 'signedOut', serverUrl: '', reason: null },
        localServer: { state: 'failed', error: 'the local server exited with code 1' },
        crashUploadUrl: 'https://crash.example/submit?key=abc',
      }),
    );
    expect(text).toContain('Session: signed out\n');
    expect(text).toContain('serverUrl: (none: the bundled local server)');
    expect(text).toContain('Local server: failed: the local server exited with code 1');
    expect(text).toContain('uploaded to https://crash.example/submit)');
    expect(text).not.toContain('key=abc');
  });

  it('safeServerUrl keeps scheme, host and path only', () => {
    expect(safeServerUrl('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000');
    expect(safeServerUrl('javascript:alert(1)')).toBe('(a javascript: URL)');
    expect(safeServerUrl('::not a url')).toBe('(not a valid URL)');
  });
});
