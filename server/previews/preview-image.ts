import sharp from 'sharp';
import { FetchRefusedError, readCapped, type SafeFetcher } from './safe-fetch';

export const PREVIEW_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const PREVIEW_IMAGE_MAX_WIDTH = 600;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** What sharp must find in the bytes, whatever the Content-Type said. */
const DECODED_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);
/** Decoding bombs: a small file that claims a huge canvas is refused before it is decoded. */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * Downloads a page's image (PNG, JPEG, GIF or WebP, at most 2 MiB by header and by bytes read)
 * and re-encodes it as a webp at most 600 px wide, metadata stripped: nothing of the original
 * file reaches clients.
 */
export async function fetchPreviewImage(fetcher: SafeFetcher, url: string, signal: AbortSignal): Promise<Buffer> {
  const response = await fetcher.get(url, { signal, accept: [...IMAGE_TYPES].join(', ') });
  if (!IMAGE_TYPES.has(response.mediaType)) {
    response.close();
    throw new FetchRefusedError(`an image of type ${response.mediaType || 'unknown'} is not previewed`);
  }
  if (response.declaredLength !== null && response.declaredLength > PREVIEW_IMAGE_MAX_BYTES) {
    response.close();
    throw new FetchRefusedError(`the image is larger than ${PREVIEW_IMAGE_MAX_BYTES} bytes`);
  }
  const { bytes, truncated } = await readCapped(response, PREVIEW_IMAGE_MAX_BYTES + 1);
  if (truncated || bytes.length > PREVIEW_IMAGE_MAX_BYTES) throw new FetchRefusedError(`the image is larger than ${PREVIEW_IMAGE_MAX_BYTES} bytes`);
  return reencodeImage(bytes);
}

export async function reencodeImage(bytes: Buffer): Promise<Buffer> {
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
  const { format } = await image.metadata();
  if (!format || !DECODED_FORMATS.has(format)) throw new FetchRefusedError(`an image in ${format ?? 'an unknown format'} is not previewed`);
  return image.rotate().resize({ width: PREVIEW_IMAGE_MAX_WIDTH, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
}
