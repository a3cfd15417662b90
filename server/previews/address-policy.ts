import ipaddr from 'ipaddr.js';

/**
 * Cloud metadata endpoints: refused even when an allowed CIDR covers them, because they hand out
 * the machine's credentials (AWS/GCP/Azure, AWS over IPv6, Alibaba).
 */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is the IPv4 address it maps. */
function unmapped(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

function parsed(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  // Only the canonical forms a resolver returns: `0x7f.1` and friends are not addresses here. A zone (`%eth0`) does not change the range.
  const bare = address.replace(/%.*$/, '');
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return null;
  return unmapped(ipaddr.parse(bare));
}

/**
 * Why a resolved address may not be fetched from, or null when it may: only public unicast
 * addresses pass. Everything ipaddr.js names a special range is refused (loopback, private,
 * link-local, unique-local, CGNAT, multicast, unspecified, broadcast, reserved, documentation,
 * 6to4/Teredo/NAT64 wrappers...), IPv4-mapped IPv6 judged as the IPv4 address it maps.
 */
export function addressRefusal(address: string): string | null {
  const ip = parsed(address);
  if (!ip) return 'not an IP address';
  if (METADATA_ADDRESSES.has(ip.toNormalizedString()) || METADATA_ADDRESSES.has(ip.toString())) return 'a cloud metadata address';
  const range = ip.range();
  return range === 'unicast' ? null : `a ${range} address`;
}

const isMetadataAddress = (address: string): boolean => {
  const ip = parsed(address);
  return ip !== null && (METADATA_ADDRESSES.has(ip.toNormalizedString()) || METADATA_ADDRESSES.has(ip.toString()));
};

const HOST_PORT = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)):(\d{1,5})$/i;

/** One `LINK_PREVIEW_ALLOW` entry: `host:port` (`[v6]:port`) or a CIDR; null when it is neither. */
export type AllowEntry = { kind: 'host'; host: string; port: number } | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

export function parseAllowEntry(entry: string): AllowEntry | null {
  const hostPort = HOST_PORT.exec(entry.trim());
  if (hostPort) {
    const port = Number(hostPort[3]);
    if (port < 1 || port > 65_535) return null;
    return { kind: 'host', host: (hostPort[1] ?? hostPort[2] ?? '').toLowerCase(), port };
  }
  try {
    return { kind: 'cidr', range: ipaddr.parseCIDR(entry.trim()) };
  } catch {
    return null;
  }
}

/**
 * What the administrator lets previews reach although the address policy refuses it: a
 * `host:port` exactly as written in links (any address it resolves to), or a CIDR of
 * resolved addresses (any port). Metadata addresses stay refused.
 */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];

  constructor(entries: readonly string[]) {
    for (const text of entries) {
      const entry = parseAllowEntry(text);
      if (!entry) throw new Error(`not a host:port or CIDR: ${text}`);
      if (entry.kind === 'host') this.hosts.add(`${entry.host}:${entry.port}`);
      else this.ranges.push(entry.range);
    }
  }

  allowsHost(host: string, port: number): boolean {
    return this.hosts.has(`${host.toLowerCase().replace(/^\[(.*)\]$/, '$1')}:${port}`);
  }

  allowsAddress(address: string): boolean {
    const ip = parsed(address);
    if (!ip) return false;
    return this.ranges.some(([base, bits]) => base.kind() === ip.kind() && ip.match(base, bits));
  }
}

/**
 * Why connecting to `address` (which `host` resolved to) on `port` is refused, or null when it is
 * allowed: a public address, or one the allow list names.
 */
export function connectRefusal(allow: AllowList, host: string, port: number, address: string): string | null {
  if (isMetadataAddress(address)) return `${address} is a cloud metadata address`;
  if (allow.allowsHost(host, port) || allow.allowsAddress(address)) return null;
  const refusal = addressRefusal(address);
  return refusal && `${address} is ${refusal}`;
}
