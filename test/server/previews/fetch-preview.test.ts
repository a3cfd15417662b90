import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from '../../../server/previews/address-policy';
import { fetchLinkPreview, PAGE_MAX_BYTES } from '../../../server/previews/fetch-preview';
import { FetchRefusedError, SafeFetcher } from '../../../server/previews/safe-fetch';
import { htmlPage, startLocalSite, streamedBody, type LocalSite } from '../../support/local-site';

describe('fetchLinkPreview', () => {
  let site: LocalSite;
  let fetcher: SafeFetcher;
  const hugeHead = streamedBody('<html><head><title>Cut short</title><script>', 20 * 1024 * 1024);
  /** Sends its head, then the body only after a pause: a client that stops after the head has hung up by then. */
  let bodyWritten = false;
  let headOnlyClosed: Promise<void> = Promise.resolve();
  const signal = () => new AbortController().signal;

  beforeAll(async () => {
    const png = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    site = await startLocalSite({
      '/friendly': htmlPage(
        '<title>Friendly</title><meta property="og:description" content="A friendly page"><meta property="og:site_name" content="Friends"><meta property="og:image" content="/img.png">',
      ),
      '/img.png': (_request, response) => void response.writeHead(200, { 'content-type': 'image/png' }).end(png),
      '/xhtml': htmlPage('<title>XHTML</title>', 'application/xhtml+xml'),
      '/latin1': (_request, response) =>
        void response.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(Buffer.from('<title>caf\xe9</title>', 'latin1')),
      '/meta-charset': (_request, response) =>
        void response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(Buffer.from('<html><head><meta charset="windows-1252"><title>na\xefve \x93quotes\x94</title></head>', 'latin1')),
      '/huge-head': hugeHead,
      '/head-then-body': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        headOnlyClosed = new Promise((resolve) => response.on('close', () => resolve()));
        response.write('<html><head><title>Short head</title></head><body>');
        setTimeout(() => {
          if (response.destroyed) return;
          bodyWritten = true;
          response.end('<p>the rest</p></body></html>');
        }, 1_500);
      },
      '/slow': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html><head>');
      },
      '/json': (_request, response) => void response.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"no"}'),
      '/empty': htmlPage(''),
      '/huge-image-page': htmlPage('<title>Big picture</title><meta property="og:image" content="/huge.png">'),
      '/huge.png': streamedBody('', 10 * 1024 * 1024, 'image/png'),
    });
    fetcher = new SafeFetcher(new AllowList([site.hostPort]));
  });
  afterAll(async () => {
    await fetcher.close();
    await site.close();
  });

  it('reads title, description, site name and the re-encoded image of a friendly page', async () => {
    const preview = await fetchLinkPreview(fetcher, site.url('/friendly'), { signal: signal() });
    expect(preview).toMatchObject({ title: 'Friendly', description: 'A friendly page', siteName: 'Friends' });
    const image = await sharp(preview.image ?? Buffer.alloc(0)).metadata();
    expect([image.format, image.width, image.height]).toEqual(['webp', 600, 300]);
  });

  it('parses application/xhtml+xml and decodes the charset the server or the page names', async () => {
    expect((await fetchLinkPreview(fetcher, site.url('/xhtml'), { signal: signal() })).title).toBe('XHTML');
    expect((await fetchLinkPreview(fetcher, site.url('/latin1'), { signal: signal() })).title).toBe('café');
    expect((await fetchLinkPreview(fetcher, site.url('/meta-charset'), { signal: signal() })).title).toBe('naïve “quotes”');
  });

  it(`cuts a huge head at ${PAGE_MAX_BYTES} bytes and still previews what it read`, async () => {
    const preview = await fetchLinkPreview(fetcher, site.url('/huge-head'), { signal: signal() });
    expect(preview.title).toBe('Cut short');
    await hugeHead.closed;
    expect(hugeHead.written()).toBeGreaterThan(PAGE_MAX_BYTES);
    expect(hugeHead.written()).toBeLessThan(8 * 1024 * 1024);
  });

  it('stops reading once the head is over', async () => {
    const started = Date.now();
    expect((await fetchLinkPreview(fetcher, site.url('/head-then-body'), { signal: signal() })).title).toBe('Short head');
    expect(Date.now() - started).toBeLessThan(1_000);
    await headOnlyClosed;
    expect(bodyWritten).toBe(false);
  });

  it('times out on a slow server', async () => {
    const started = Date.now();
    await expect(fetchLinkPreview(fetcher, site.url('/slow'), { signal: signal(), timeoutMs: 500 })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('ignores a page that is not HTML, and one with nothing to show', async () => {
    await expect(fetchLinkPreview(fetcher, site.url('/json'), { signal: signal() })).rejects.toThrow(/application\/json page is not previewed/);
    await expect(fetchLinkPreview(fetcher, site.url('/empty'), { signal: signal() })).rejects.toThrow(FetchRefusedError);
  });

  it('a refused image leaves the preview without one', async () => {
    const preview = await fetchLinkPreview(fetcher, site.url('/huge-image-page'), { signal: signal() });
    expect(preview).toEqual({ title: 'Big picture', description: null, siteName: null, image: null });
  });

  it('stops when the caller aborts (server shutdown)', async () => {
    const controller = new AbortController();
    const pending = fetchLinkPreview(fetcher, site.url('/slow'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
  });
});
