import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector, request, type Dispatcher } from 'undici';
import { connectRefusal, type AllowList } from './address-policy';

/**
 * Stops a download that is no longer wanted. undici reports its own abort of the body as an
 * 'error' event, which would be uncaught without a listener: that one error is expected.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {
    // the abort caused by this destroy()
  });
  body.destroy();
}

/** A fetch the policy does not allow (address, scheme, type, size, redirects): not retried soon. */
export class FetchRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

export const USER_AGENT = 'DroplinkBot/1.0 (link previews for Droplink chat)';
const MAX_REDIRECTS = 3;
const CONNECT_TIMEOUT_MS = 5_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetchedResponse {
  /** Where the body came from, after redirects. */
  url: string;
  /** The media type, lower-case, without parameters ('' when the server sent none). */
  mediaType: string;
  charset: string | null;
  /** The Content-Length header, or null. */
  declaredLength: number | null;
  /** Read with `readCapped`; `close()` stops a download that is no longer wanted. */
  body: Dispatcher.ResponseData['body'];
  close(): void;
}

export interface FetchOptions {
  /** Aborts the whole fetch, redirects and body included (the preview's deadline). */
  signal: AbortSignal;
  accept: string;
}

/**
 * An HTTP client that only connects where the address policy allows: every address the host
 * resolves to is checked (all must pass) before connecting to one of them, so a name that
 * resolves to a private address, or rebinds to one, is refused. No proxy from the environment,
 * no decompression, redirects followed by hand with every hop checked again.
 */
export class SafeFetcher {
  private readonly agent: Agent;

  constructor(private readonly allow: AllowList) {
    const connector = buildConnector({ timeout: CONNECT_TIMEOUT_MS });
    this.agent = new Agent({
      keepAliveTimeout: 1_000,
      connect: (options, callback) => {
        const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
        const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
        this.checkedAddress(host, port).then(
          (address) => connector({ ...options, hostname: address }, callback),
          (error: Error) => callback(error, null),
        );
      },
    });
  }

  private async checkedAddress(host: string, port: number): Promise<string> {
    const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true });
    if (addresses.length === 0) throw new FetchRefusedError(`${host} does not resolve`);
    for (const { address } of addresses) {
      const refusal = connectRefusal(this.allow, host, port, address);
      if (refusal) throw new FetchRefusedError(`${host}: ${refusal}`);
    }
    return addresses[0]?.address ?? host;
  }

  /** GETs `url`, following up to 3 redirects; any status other than 200 is a failure. */
  async get(url: string, options: FetchOptions): Promise<FetchedResponse> {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new FetchRefusedError(`${current.protocol} links are not fetched`);
      if (current.username || current.password) throw new FetchRefusedError('links with credentials are not fetched');
      const response = await request(current, {
        method: 'GET',
        dispatcher: this.agent,
        signal: options.signal,
        headers: { 'user-agent': USER_AGENT, accept: options.accept, 'accept-encoding': 'identity' },
      });
      if (REDIRECT_STATUSES.has(response.statusCode)) {
        discard(response.body);
        const location = response.headers.location;
        if (typeof location !== 'string') throw new Error(`redirect ${response.statusCode} without a Location`);
        if (hop >= MAX_REDIRECTS) throw new FetchRefusedError(`more than ${MAX_REDIRECTS} redirects`);
        current = new URL(location, current);
        continue;
      }
      if (response.statusCode !== 200) {
        discard(response.body);
        throw new Error(`HTTP ${response.statusCode}`);
      }
      const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : '';
      const [mediaType = '', ...params] = contentType.split(';').map((part) => part.trim());
      const charset = params.map((p) => /^charset="?([^";]+)"?$/i.exec(p)?.[1]).find((c) => c !== undefined) ?? null;
      const length = Number(response.headers['content-length']);
      return {
        url: current.toString(),
        mediaType: mediaType.toLowerCase(),
        charset: charset?.toLowerCase() ?? null,
        declaredLength: Number.isSafeInteger(length) && length >= 0 ? length : null,
        body: response.body,
        close: () => discard(response.body),
      };
    }
  }

  close(): Promise<void> {
    return this.agent.destroy();
  }
}

/**
 * Reads the body until it ends, `onChunk` says it has seen enough (returns true), or `cap`
 * bytes; then closes it. Returns the bytes read (at most `cap`) and whether the cap cut it.
 */
export async function readCapped(response: FetchedResponse, cap: number, onChunk?: (chunk: Buffer) => boolean): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const data of response.body) {
      let chunk = Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array);
      if (size + chunk.length > cap) {
        chunk = chunk.subarray(0, cap - size);
        truncated = true;
      }
      chunks.push(chunk);
      size += chunk.length;
      if (truncated || onChunk?.(chunk)) break;
    }
  } finally {
    response.close();
  }
  return { bytes: Buffer.concat(chunks, size), truncated };
}
