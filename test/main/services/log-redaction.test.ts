import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, redactText } from '../../../main/services/log-redaction';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTkyIn0.c2lnbmF0dXJlLXBhcnQ';

describe('log redaction', () => {
  it('removes bearer tokens, JWTs, secret query parameters and URL credentials from text', () => {
    const text = redactText(`GET https://alice:hunter2@chat.example/api?token=abc123&room=7 with Authorization: Bearer s3cr3t-token and ${jwt}`);
    for (const secret of ['hunter2', 'abc123', 's3cr3t-token', jwt]) expect(text).not.toContain(secret);
    expect(text).toContain('room=7');
    expect(text).toContain('chat.example/api');
    expect(text).toContain(REDACTED);
  });

  it('replaces values under secret-sounding keys at any depth, and keeps the rest', () => {
    const redacted = redactSecrets({
      serverUrl: 'https://chat.example',
      session: { token: 'tok', user: { name: 'alice' } },
      clientSecret: 'x',
      headers: [{ authorization: 'Basic abc' }],
      count: 3,
    });
    expect(redacted).toEqual({
      serverUrl: 'https://chat.example',
      session: { token: REDACTED, user: { name: 'alice' } },
      clientSecret: REDACTED,
      headers: [{ authorization: REDACTED }],
      count: 3,
    });
  });

  it('redacts error messages and stacks, keeps the error type, and survives cycles', () => {
    const error = new TypeError(`login failed for Bearer ${jwt}`);
    const copy = redactSecrets(error) as Error;
    expect(copy).toBeInstanceOf(Error);
    expect(copy.name).toBe('TypeError');
    expect(copy.message).not.toContain(jwt);
    expect(copy.stack).not.toContain(jwt);
    const cyclic: Record<string, unknown> = { password: 'pw' };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ password: REDACTED, self: '[circular]' });
  });
});
