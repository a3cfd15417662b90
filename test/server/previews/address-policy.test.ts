import { describe, expect, it } from 'vitest';
import { addressRefusal, AllowList, connectRefusal, parseAllowEntry } from '../../../server/previews/address-policy';

describe('addressRefusal: only public unicast addresses may be fetched from', () => {
  it.each([
    ['93.184.215.14', 'public IPv4'],
    ['8.8.8.8', 'public IPv4'],
    ['2606:4700:4700::1111', 'public IPv6'],
    ['2a00:1450:4001:80e::200e', 'public IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public address'],
  ])('allows %s (%s)', (address) => {
    expect(addressRefusal(address)).toBeNull();
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'linkLocal'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:7f00:1', 'loopback'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::1', '6to4'],
    ['2001:db8::1', 'reserved'],
    ['0x7f.1', 'not an address'],
    ['localhost', 'not an address'],
  ])('refuses %s (%s)', (address, what) => {
    const refusal = addressRefusal(address);
    expect(refusal).not.toBeNull();
    if (what === 'metadata') expect(refusal).toContain('metadata');
    else if (what !== 'not an address') expect(refusal).toContain(what);
  });
});

describe('LINK_PREVIEW_ALLOW entries', () => {
  it('parses host:port, [v6]:port and CIDRs, and nothing else', () => {
    expect(parseAllowEntry('wiki.internal:443')).toEqual({ kind: 'host', host: 'wiki.internal', port: 443 });
    expect(parseAllowEntry('127.0.0.1:8080')).toEqual({ kind: 'host', host: '127.0.0.1', port: 8080 });
    expect(parseAllowEntry('[::1]:8080')).toEqual({ kind: 'host', host: '::1', port: 8080 });
    expect(parseAllowEntry('10.0.0.0/8')?.kind).toBe('cidr');
    expect(parseAllowEntry('fd00::/8')?.kind).toBe('cidr');
    for (const bad of ['wiki.internal', '10.0.0.1', 'host:0', 'host:70000', '10.0.0.0/33', 'http://x:80', '']) expect(parseAllowEntry(bad), bad).toBeNull();
  });

  it('a host:port entry allows that host and port only, whatever it resolves to', () => {
    const allow = new AllowList(['127.0.0.1:8080', 'Wiki.Internal:443', '[::1]:9000']);
    expect(connectRefusal(allow, '127.0.0.1', 8080, '127.0.0.1')).toBeNull();
    expect(connectRefusal(allow, '127.0.0.1', 8081, '127.0.0.1')).toContain('loopback');
    expect(connectRefusal(allow, 'wiki.internal', 443, '10.2.3.4')).toBeNull();
    expect(connectRefusal(allow, 'wiki.internal', 80, '10.2.3.4')).toContain('private');
    expect(connectRefusal(allow, '::1', 9000, '::1')).toBeNull();
    expect(connectRefusal(allow, 'other.internal', 443, '10.2.3.4')).toContain('private');
  });

  it('a CIDR allows its addresses on any port, IPv4-mapped ones included', () => {
    const allow = new AllowList(['10.1.0.0/16']);
    expect(connectRefusal(allow, 'a.internal', 80, '10.1.2.3')).toBeNull();
    expect(connectRefusal(allow, 'a.internal', 8443, '::ffff:10.1.2.3')).toBeNull();
    expect(connectRefusal(allow, 'a.internal', 80, '10.2.0.1')).toContain('private');
    expect(connectRefusal(allow, 'public.example', 443, '8.8.8.8')).toBeNull();
  });

  it('metadata addresses stay refused whatever the allow list says', () => {
    const allow = new AllowList(['169.254.0.0/16', '169.254.169.254:80', 'fd00::/8']);
    expect(connectRefusal(allow, '169.254.169.254', 80, '169.254.169.254')).toContain('metadata');
    expect(connectRefusal(allow, 'metadata.google.internal', 80, '::ffff:169.254.169.254')).toContain('metadata');
    expect(connectRefusal(allow, 'x', 80, 'fd00:ec2::254')).toContain('metadata');
    expect(connectRefusal(allow, 'x', 80, '169.254.1.1')).toBeNull();
  });
});
