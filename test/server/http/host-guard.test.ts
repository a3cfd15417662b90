import { describe, expect, it } from 'vitest';
import { HostGuard } from '../../../server/http/host-guard';

describe('HostGuard', () => {
  it('without ALLOWED_HOSTS allows every Host, even none', () => {
    const guard = new HostGuard(null, '127.0.0.1');
    expect(guard.active).toBe(false);
    expect(guard.allows('evil.example')).toBe(true);
    expect(guard.allows(undefined)).toBe(true);
  });

  it("'self' allows nothing before the port is bound, then only the loopback names with that port", () => {
    const guard = new HostGuard('self', '127.0.0.1');
    expect(guard.active).toBe(true);
    expect(guard.allows('127.0.0.1:4000')).toBe(false);
    guard.bind(4000);
    for (const host of ['127.0.0.1:4000', 'localhost:4000', '[::1]:4000', 'LocalHost:4000']) expect(guard.allows(host)).toBe(true);
    for (const host of ['127.0.0.1', '127.0.0.1:4001', 'localhost', '0.0.0.0:4000', '127.0.0.2:4000', 'evil.example:4000', '']) {
      expect(guard.allows(host)).toBe(false);
    }
    expect(guard.allows(undefined)).toBe(false);
  });

  it("'self' on a specific non-loopback address also allows that address with the port", () => {
    const guard = new HostGuard('self', '10.1.2.3');
    guard.bind(5000);
    expect(guard.allows('10.1.2.3:5000')).toBe(true);
    expect(guard.allows('localhost:5000')).toBe(true);
    expect(guard.allows('10.1.2.3:5001')).toBe(false);
  });

  it("'self' on a wildcard or IPv6 listen address", () => {
    const wildcard = new HostGuard('self', '0.0.0.0');
    wildcard.bind(1);
    expect(wildcard.allows('0.0.0.0:1')).toBe(false);
    expect(wildcard.allows('127.0.0.1:1')).toBe(true);
    const v6 = new HostGuard('self', 'fd00::5');
    v6.bind(2);
    expect(v6.allows('[fd00::5]:2')).toBe(true);
    expect(v6.allows('fd00::5:2')).toBe(false);
  });

  it('a list matches entries with a port exactly and entries without one on any port', () => {
    const guard = new HostGuard(['chat.example.com', '10.0.0.5:4000'], '0.0.0.0');
    guard.bind(4000);
    expect(guard.allows('chat.example.com')).toBe(true);
    expect(guard.allows('chat.example.com:443')).toBe(true);
    expect(guard.allows('10.0.0.5:4000')).toBe(true);
    expect(guard.allows('10.0.0.5')).toBe(false);
    expect(guard.allows('10.0.0.5:4001')).toBe(false);
    expect(guard.allows('sub.chat.example.com')).toBe(false);
    expect(guard.allows('chat.example.com:443@evil.example')).toBe(false);
    expect(guard.allows('chat.example.com:443:1')).toBe(false);
  });
});
