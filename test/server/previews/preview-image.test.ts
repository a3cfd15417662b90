import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from '../../../server/previews/address-policy';
import { fetchPreviewImage, PREVIEW_IMAGE_MAX_BYTES, reencodeImage } from '../../../server/previews/preview-image';
import { FetchRefusedError, SafeFetcher } from '../../../server/previews/safe-fetch';
import { startLocalSite, streamedBody, type LocalSite } from '../../support/local-site';

const picture = (width: number, height: number, format: 'png' | 'jpeg' | 'gif' | 'webp') =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .toFormat(format)
    .toBuffer();

describe('preview images', () => {
  let site: LocalSite;
  let fetcher: SafeFetcher;
  const chunkedHuge = streamedBody('', 10 * 1024 * 1024, 'image/png');

  beforeAll(async () => {
    const [large, small, gif] = await Promise.all([picture(1200, 800, 'png'), picture(100, 50, 'jpeg'), picture(40, 40, 'gif')]);
    const serve = (type: string, body: Buffer | string) => (_request: unknown, response: import('node:http').ServerResponse) =>
      void response.writeHead(200, { 'content-type': type }).end(body);
    site = await startLocalSite({
      '/large.png': serve('image/png', large),
      '/small.jpg': serve('image/jpeg', small),
      '/anim.gif': serve('image/gif', gif),
      '/declared-huge.png': (_request, response) => {
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(10 * 1024 * 1024) });
        response.write(large);
      },
      '/chunked-huge.png': chunkedHuge,
      '/page.html': serve('text/html', '<html></html>'),
      '/image.svg': serve('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'),
      '/svg-as-png.png': serve('image/png', '<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    fetcher = new SafeFetcher(new AllowList([site.hostPort]));
  });
  afterAll(async () => {
    await fetcher.close();
    await site.close();
  });

  const fetchImage = (pathname: string) => fetchPreviewImage(fetcher, site.url(pathname), AbortSignal.timeout(5_000));

  it('re-encodes an image as webp at most 600 px wide, never enlarging', async () => {
    const large = await sharp(await fetchImage('/large.png')).metadata();
    expect([large.format, large.width, large.height]).toEqual(['webp', 600, 400]);
    const small = await sharp(await fetchImage('/small.jpg')).metadata();
    expect([small.format, small.width, small.height]).toEqual(['webp', 100, 50]);
    expect((await sharp(await fetchImage('/anim.gif')).metadata()).format).toBe('webp');
  });

  it('refuses a 10 MB image by its Content-Length, and by the bytes when it sends none', async () => {
    await expect(fetchImage('/declared-huge.png')).rejects.toThrow(FetchRefusedError);
    await expect(fetchImage('/chunked-huge.png')).rejects.toThrow(`larger than ${PREVIEW_IMAGE_MAX_BYTES} bytes`);
    await chunkedHuge.closed;
    expect(chunkedHuge.written()).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses other types, and bytes that are not what the type says', async () => {
    await expect(fetchImage('/page.html')).rejects.toThrow(/text\/html is not previewed/);
    await expect(fetchImage('/image.svg')).rejects.toThrow(/image\/svg\+xml is not previewed/);
    await expect(fetchImage('/svg-as-png.png')).rejects.toThrow();
    await expect(reencodeImage(Buffer.from('not an image'))).rejects.toThrow();
  });
});
