import { TextDecoder } from 'node:util';
import type { Logger } from '../logger';
import { HeadMetadataParser } from './parse-metadata';
import { fetchPreviewImage } from './preview-image';
import { FetchRefusedError, readCapped, type SafeFetcher } from './safe-fetch';

/** Most of a page read: the head is nearly always in the first few KiB. */
export const PAGE_MAX_BYTES = 1024 * 1024;
/** Everything about one preview (redirects, page, image) must be done in this time. */
const PREVIEW_TIMEOUT_MS = 5_000;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export interface FetchedPreview {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** webp, at most 600 px wide. */
  image: Buffer | null;
}

export interface FetchPreviewOptions {
  /** Aborts the fetch (server shutdown). */
  signal: AbortSignal;
  timeoutMs?: number;
  logger?: Logger;
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i;
/** How far into the page a `<meta charset>` is looked for when the Content-Type names none (as browsers do). */
const CHARSET_SNIFF_BYTES = 1024;

/** The server's charset, else the page's `<meta charset>` in its first bytes, else UTF-8. */
function decoderFor(charset: string | null, firstChunk: Buffer): TextDecoder {
  const label = charset ?? META_CHARSET.exec(firstChunk.subarray(0, CHARSET_SNIFF_BYTES).toString('latin1'))?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

/**
 * Fetches a page through the safe fetcher and reads its preview: only HTML is parsed, and only
 * its head, up to 1 MiB; the image, if any, is fetched and re-encoded. Throws when the page
 * cannot be fetched or has nothing to show; a failed image only leaves `image` null.
 */
export async function fetchLinkPreview(fetcher: SafeFetcher, url: string, options: FetchPreviewOptions): Promise<FetchedPreview> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? PREVIEW_TIMEOUT_MS)]);
  const page = await fetcher.get(url, { signal, accept: 'text/html, application/xhtml+xml;q=0.9' });
  if (!HTML_TYPES.has(page.mediaType)) {
    page.close();
    throw new FetchRefusedError(`a ${page.mediaType || 'typeless'} page is not previewed`);
  }
  const parser = new HeadMetadataParser(page.url);
  let decoder: TextDecoder | undefined;
  await readCapped(page, PAGE_MAX_BYTES, (chunk) => {
    decoder ??= decoderFor(page.charset, chunk);
    return parser.write(decoder.decode(chunk, { stream: true }));
  });
  const metadata = parser.result();
  if (!metadata.title && !metadata.description && !metadata.imageUrl) throw new FetchRefusedError('the page has nothing to preview');

  let image: Buffer | null = null;
  if (metadata.imageUrl) {
    image = await fetchPreviewImage(fetcher, metadata.imageUrl, signal).catch((error: unknown) => {
      options.logger?.debug({ err: error, url: metadata.imageUrl }, 'link preview image not fetched');
      return null;
    });
  }
  return { title: metadata.title, description: metadata.description, siteName: metadata.siteName, image };
}
