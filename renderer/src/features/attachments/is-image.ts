import type { Attachment } from '../../shared/contract';

const INLINE_IMAGE = /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i;

export const isInlineImage = (attachment: Pick<Attachment, 'mime'>): boolean => INLINE_IMAGE.test(attachment.mime);

const MAX_W = 360;
const MAX_H = 280;

/** Thumbnail box that keeps the image's ratio, reserved before it loads so the list does not jump. */
export function thumbnailSize(attachment: Pick<Attachment, 'width' | 'height'>): { width: number; height: number } {
  const { width, height } = attachment;
  if (!width || !height) return { width: 240, height: 180 };
  const scale = Math.min(1, MAX_W / width, MAX_H / height);
  return { width: Math.max(40, Math.round(width * scale)), height: Math.max(40, Math.round(height * scale)) };
}
