import { ALLOWED_HOSTS_SELF, type AllowedHosts } from '../config';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Splits a Host header value (`name`, `name:port`, `[v6]`, `[v6]:port`); null when malformed. */
function splitHost(value: string): { name: string; port: string | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match?.[1]) return null;
  return { name: match[1], port: match[2] ?? null };
}

/**
 * Which Host headers this server answers (ALLOWED_HOSTS). A page that reaches a loopback
 * server through DNS rebinding still sends its own host name, so refusing every other Host
 * keeps such pages out. Entries with a port match exactly; entries without one match any port.
 */
export class HostGuard {
  private allowed: readonly string[] | null;

  constructor(
    private readonly setting: AllowedHosts | null,
    private readonly listenHost: string,
  ) {
    // 'self' allows nothing until the bound port is known.
    this.allowed = setting === ALLOWED_HOSTS_SELF ? [] : setting;
  }

  /** The port the server listens on (what 'self' means). */
  bind(port: number): void {
    if (this.setting !== ALLOWED_HOSTS_SELF) return;
    const listen = this.listenHost.toLowerCase();
    const own = listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen;
    const names = WILDCARD_HOSTS.has(own) || LOOPBACK_NAMES.includes(own) ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, own];
    this.allowed = names.map((name) => `${name}:${port}`);
  }

  get active(): boolean {
    return this.allowed !== null;
  }

  allows(hostHeader: string | undefined): boolean {
    if (this.allowed === null) return true;
    const host = splitHost((hostHeader ?? '').trim().toLowerCase());
    if (!host) return false;
    return this.allowed.some((entry) => {
      const wanted = splitHost(entry);
      if (!wanted || wanted.name !== host.name) return false;
      return wanted.port === null || wanted.port === host.port;
    });
  }
}
