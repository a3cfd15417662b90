import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * True when no client secret is configured, or `given` equals it. Compared as SHA-256
 * digests with timingSafeEqual, so neither the content nor the length leaks through timing.
 */
export function clientSecretAccepted(expected: string | null, given: unknown): boolean {
  if (expected === null) return true;
  if (typeof given !== 'string' || given === '') return false;
  return timingSafeEqual(digest(expected), digest(given));
}
