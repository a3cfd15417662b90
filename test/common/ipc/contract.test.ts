import { describe, expect, it } from 'vitest';
import { invokes } from '../../../common/ipc/contract';
import { UPLOAD_MAX_BYTES } from '../../../common/protocol/limits';

const upload = (over: Record<string, unknown>) => ({
  uploadId: '00000000-0000-7000-8000-000000000001',
  name: 'photo.png',
  mime: 'image/png',
  data: new Uint8Array(4),
  ...over,
});
const issues = (args: unknown): string[] => {
  const parsed = invokes['uploads:start'].args.safeParse(args);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe("uploads:start is bounded by the protocol's upload limit", () => {
  it('accepts a file of exactly UPLOAD_MAX_BYTES (25 MiB)', () => {
    expect(UPLOAD_MAX_BYTES).toBe(25 * 1024 * 1024);
    expect(issues(upload({ data: new Uint8Array(UPLOAD_MAX_BYTES) }))).toEqual([]);
  });

  it('refuses one byte more, saying why', () => {
    expect(issues(upload({ data: new Uint8Array(UPLOAD_MAX_BYTES + 1) }))).toEqual(['data: files larger than 25 MiB cannot be uploaded']);
  });

  it('bounds the file name and media type and refuses control characters', () => {
    expect(issues(upload({ name: 'a'.repeat(256) }))).toEqual(['name: file names are at most 255 characters']);
    expect(issues(upload({ name: '   ' }))).toEqual(['name: the file needs a name']);
    expect(issues(upload({ name: 'a\u0000b.png' }))).toEqual(['name: the file name contains control characters']);
    expect(issues(upload({ mime: `image/${'x'.repeat(127)}` }))).toEqual(['mime: media types are at most 127 characters']);
    expect(issues(upload({ mime: 'text/html\r\nx-evil: 1' }))).toEqual(['mime: the media type contains control characters']);
    expect(issues(upload({ data: 'not bytes' }))[0]).toMatch(/^data: /);
  });
});
