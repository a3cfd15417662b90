/** Small files made in the tests, and upload / download helpers. */
import { deflateSync } from 'node:zlib';
import { UploadResponseSchema, type Attachment } from '../../common/protocol';
import { http, type HasUrl, type HttpResult } from './protocol-client';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A valid RGB PNG of the given size (a red-green gradient). */
export function makePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = (x * 255) / Math.max(1, width - 1);
      row[2 + x * 3] = (y * 255) / Math.max(1, height - 1);
      row[3 + x * 3] = 128;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** POST /api/uploads with one multipart field `file`. */
export function uploadRaw(server: HasUrl, token: string | undefined, bytes: Uint8Array, name: string, mime: string, field = 'file'): Promise<HttpResult> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type: mime }), name);
  return http(server, 'POST', '/api/uploads', { token, body: form });
}

/** Uploads and asserts 201 {attachment}. */
export async function upload(server: HasUrl, token: string, bytes: Uint8Array, name: string, mime: string): Promise<Attachment> {
  const res = await uploadRaw(server, token, bytes, name, mime);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return UploadResponseSchema.parse(res.body).attachment;
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** GETs a server-relative or absolute URL, optionally with a bearer token. */
export async function download(server: HasUrl, url: string, token?: string): Promise<Download> {
  const abs = /^https?:\/\//.test(url) ? url : server.url + url;
  const res = await fetch(abs, { headers: token ? { authorization: `Bearer ${token}` } : {}, redirect: 'manual' });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
