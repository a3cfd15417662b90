import { describe, expect, it } from 'vitest';
import { invokes } from '../../../common/ipc/contract';
import { isLoopbackHost, sameServerUrl, serverUrlProblem, serverUrlTransport } from '../../../common/ipc/server-url-rules';
import { ServerUrlSchema } from '../../../common/ipc/server-url';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema } from '../../../common/ipc/settings';

describe('server URL rules', () => {
  it.each([
    ['', 'builtIn'],
    ['https://chat.example.com', 'https'],
    ['https://chat.example.com:8443/droplink/', 'https'],
    ['http://127.0.0.1:4000', 'loopback'],
    ['http://127.8.9.10', 'loopback'],
    ['http://localhost:4000', 'loopback'],
    ['http://LOCALHOST.', 'loopback'],
    ['http://[::1]:4000', 'loopback'],
    ['http://example.test', 'insecure'],
    ['http://192.168.1.20:4000', 'insecure'],
    ['http://128.0.0.1', 'insecure'],
    ['http://localhost.evil.example', 'insecure'],
    ['http://[::2]', 'insecure'],
  ] as const)('%j is accepted, transport %s', (url, transport) => {
    expect(serverUrlProblem(url)).toBeNull();
    expect(serverUrlTransport(url)).toBe(transport);
  });

  it.each([
    ['javascript:alert(1)', /must start with https:\/\//],
    ['file:///etc/passwd', /must start with https:\/\//],
    ['ftp://example.com', /must start with https:\/\//],
    ['data:text/html,<b>x</b>', /must start with https:\/\//],
    ['chat.example.com', /not a web address/],
    ['https://user:pass@chat.example.com', /user name or password/],
    ['https://user@chat.example.com', /user name or password/],
    ['https://chat.example.com/#frag', /fragment/],
    ['https://chat.example.com/?x=1', /query/],
    [`https://chat.example.com/${'a'.repeat(2100)}`, /too long/],
  ])('%j is refused with a clear message', (url, message) => {
    expect(serverUrlProblem(url)).toMatch(message);
  });

  it('knows loopback hosts only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    expect(isLoopbackHost('example.test')).toBe(false);
  });

  it('compares servers by scheme, host, port and path, not by spelling', () => {
    expect(sameServerUrl('https://Chat.Example.com/', 'https://chat.example.com')).toBe(true);
    expect(sameServerUrl('https://chat.example.com:443', 'https://chat.example.com')).toBe(true);
    expect(sameServerUrl('  ', '')).toBe(true);
    expect(sameServerUrl('https://chat.example.com', 'http://chat.example.com')).toBe(false);
    expect(sameServerUrl('https://chat.example.com', 'https://chat.example.com:8443')).toBe(false);
    expect(sameServerUrl('', 'http://127.0.0.1:4000')).toBe(false);
  });
});

describe('ServerUrlSchema (sign-in, settings:set and stored settings)', () => {
  it('trims and accepts what the rules accept', () => {
    expect(ServerUrlSchema.parse('  https://chat.example.com  ')).toBe('https://chat.example.com');
    expect(ServerUrlSchema.parse('http://example.test')).toBe('http://example.test');
  });

  it('refuses javascript: in settings:set, sign-in and register, with the message', () => {
    const patch = SettingsPatchSchema.safeParse({ serverUrl: 'javascript:alert(1)' });
    expect(patch.success).toBe(false);
    expect(patch.error?.issues[0]?.message).toMatch(/must start with https:\/\//);
    expect(invokes['settings:set'].args.safeParse({ serverUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(invokes['session:login'].args.safeParse({ serverUrl: 'javascript:alert(1)', username: 'a', password: 'b' }).success).toBe(false);
    expect(invokes['session:register'].args.safeParse({ serverUrl: 'https://u:p@example.com', username: 'alice', password: 'password1' }).success).toBe(false);
  });

  it('a stored javascript: URL does not survive loading the settings', () => {
    expect(SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, serverUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, serverUrl: 'https://chat.example.com' }).success).toBe(true);
  });
});
