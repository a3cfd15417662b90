import { imageSize } from 'image-size';

/** Images a browser may render inline; everything else is served as a download. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** How many leading bytes of an upload are kept to recognise it and read image dimensions. */
export const SNIFF_BYTES = 128 * 1024;

const startsWith = (head: Uint8Array, bytes: number[], offset = 0): boolean => bytes.every((byte, index) => head[offset + index] === byte);

/** The image type the bytes really are (by magic number), if one of the inline ones. */
function sniffImageType(head: Uint8Array): string | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38]) && (head[4] === 0x37 || head[4] === 0x39) && head[5] === 0x61) {
    return 'image/gif';
  }
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Width and height from an image's header bytes, or nulls when they cannot be read from them. */
export function imageDimensions(head: Uint8Array): { width: number | null; height: number | null } {
  try {
    const { width, height } = imageSize(head);
    if (Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0) return { width, height };
  } catch {
    // Truncated or unusual header: the dimensions stay unknown.
  }
  return { width: null, height: null };
}

const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/;

/**
 * The type to store: the sniffed image type if the bytes are one; otherwise the client's
 * claim when well-formed, except that a claim of an inline image type the bytes do not
 * back up falls back to a download.
 */
export function storedMimeType(head: Uint8Array, claimed: string | undefined): string {
  const sniffed = sniffImageType(head);
  if (sniffed) return sniffed;
  const normalised = (claimed ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!MIME_PATTERN.test(normalised) || INLINE_IMAGE_TYPES.has(normalised)) return 'application/octet-stream';
  return normalised;
}

const MAX_NAME_LENGTH = 200;

/** A display name safe for headers and file systems: no paths, control characters or leading dots. */
export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
    .replace(/[\u0000-\u001f\u007f-\u009f"<>|:*?]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!cleaned) return 'file';
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return chars.slice(0, MAX_NAME_LENGTH - [...extension].length).join('') + extension;
}
