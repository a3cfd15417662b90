import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from '../../../server/previews/address-policy';
import { FetchRefusedError, readCapped, SafeFetcher, USER_AGENT } from '../../../server/previews/safe-fetch';
import { htmlPage, startLocalSite, streamedBody, type LocalSite } from '../../support/local-site';

const options = () => ({ signal: AbortSignal.timeout(5_000), accept: 'text/html' });

describe('SafeFetcher against local servers', () => {
  let allowed: LocalSite;
  let forbidden: LocalSite;
  let seenUserAgent: string | undefined;
  const big = streamedBody('<html><head><title>big</title>', 20 * 1024 * 1024);

  beforeAll(async () => {
    forbidden = await startLocalSite({ '/secret': htmlPage('<title>internal</title>') });
    allowed = await startLocalSite({
      '/page': (request, response) => {
        seenUserAgent = request.headers['user-agent'];
        void htmlPage('<title>ok</title>', 'text/html; charset=ISO-8859-1')(request, response);
      },
      '/to-forbidden': (_request, response) => response.writeHead(302, { location: forbidden.url('/secret') }).end(),
      '/hop1': (_request, response) => response.writeHead(301, { location: '/hop2' }).end(),
      '/hop2': (_request, response) => response.writeHead(307, { location: '/hop3' }).end(),
      '/hop3': (_request, response) => response.writeHead(308, { location: '/page' }).end(),
      '/hop0': (_request, response) => response.writeHead(302, { location: '/hop1' }).end(),
      '/to-file': (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      '/missing': (_request, response) => response.writeHead(404).end(),
      '/big': big,
      '/slow': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html><head>');
      },
    });
  });
  afterAll(async () => {
    await Promise.all([allowed.close(), forbidden.close()]);
  });

  const fetcherFor = (...entries: string[]) => new SafeFetcher(new AllowList(entries));

  it('fetches from an allowed host:port, naming Droplink in the User-Agent', async () => {
    const fetcher = fetcherFor(allowed.hostPort);
    const response = await fetcher.get(allowed.url('/page'), options());
    const { bytes } = await readCapped(response, 1024 * 1024);
    expect(response.mediaType).toBe('text/html');
    expect(response.charset).toBe('iso-8859-1');
    expect(bytes.toString()).toContain('<title>ok</title>');
    expect(seenUserAgent).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/Droplink/);
    await fetcher.close();
  });

  it('refuses 127.0.0.1 (loopback) when it is not allowed, before connecting', async () => {
    const fetcher = fetcherFor();
    await expect(fetcher.get(forbidden.url('/secret'), options())).rejects.toThrow(FetchRefusedError);
    await expect(fetcher.get(forbidden.url('/secret'), options())).rejects.toThrow(/loopback/);
    // A name is resolved and every address it has is checked.
    await expect(fetcher.get(`http://localhost:${forbidden.port}/secret`, options())).rejects.toThrow(/loopback/);
    expect(forbidden.hits('/secret')).toBe(0);
    await fetcher.close();
  });

  it('an allowed port does not allow another port of the same host', async () => {
    const fetcher = fetcherFor(allowed.hostPort);
    await expect(fetcher.get(forbidden.url('/secret'), options())).rejects.toThrow(/loopback/);
    await fetcher.close();
  });

  it('refuses a redirect from an allowed server to a non-allowed 127.0.0.1 port', async () => {
    const fetcher = fetcherFor(allowed.hostPort);
    await expect(fetcher.get(allowed.url('/to-forbidden'), options())).rejects.toThrow(/loopback/);
    expect(allowed.hits('/to-forbidden')).toBe(1);
    expect(forbidden.hits('/secret')).toBe(0);
    await fetcher.close();
  });

  it('follows three redirects, not four', async () => {
    const fetcher = fetcherFor(allowed.hostPort);
    const response = await fetcher.get(allowed.url('/hop1'), options());
    response.close();
    expect(response.url).toBe(allowed.url('/page'));
    await expect(fetcher.get(allowed.url('/hop0'), options())).rejects.toThrow(/more than 3 redirects/);
    await fetcher.close();
  });

  it('refuses a redirect to another scheme, and fails on a status other than 200', async () => {
    const fetcher = fetcherFor(allowed.hostPort);
    await expect(fetcher.get(allowed.url('/to-file'), options())).rejects.toThrow(/file: links are not fetched/);
    await expect(fetcher.get(allowed.url('/missing'), options())).rejects.toThrow(/HTTP 404/);
    await fetcher.close();
  });

  it('readCapped stops at the cap and hangs up instead of downloading the rest', async () => {
    const fetcher = fetcherFor(allowed.hostPort);
    const { bytes, truncated } = await readCapped(await fetcher.get(allowed.url('/big'), options()), 256 * 1024);
    expect(truncated).toBe(true);
    expect(bytes.length).toBe(256 * 1024);
    await big.closed;
    expect(big.written()).toBeLessThan(8 * 1024 * 1024);
    await fetcher.close();
  });

  it('the signal aborts a server that never finishes', async () => {
    const fetcher = fetcherFor(allowed.hostPort);
    const started = Date.now();
    const response = await fetcher.get(allowed.url('/slow'), { signal: AbortSignal.timeout(300), accept: 'text/html' });
    await expect(readCapped(response, 1024)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
    await fetcher.close();
  });
});
