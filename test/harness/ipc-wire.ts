/** Names and encoding shared by the harness's electron shim (in the page) and its IPC port (in Node). */
export const HARNESS_BINDING = '__droplinkHarnessIpc';
export const HARNESS_DELIVER = '__droplinkHarnessDeliver';

const BYTES_TAG = '__harnessBytes';

/** Uint8Arrays as `{__harnessBytes: base64}` (Electron's IPC would structured-clone them). */
export function encodeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    let binary = '';
    for (const byte of value) binary += String.fromCharCode(byte);
    return { [BYTES_TAG]: btoa(binary) };
  }
  if (Array.isArray(value)) return value.map(encodeBytes);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBytes(v)]));
  return value;
}

export function decodeBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBytes);
  if (value && typeof value === 'object') {
    const tagged = (value as Record<string, unknown>)[BYTES_TAG];
    if (typeof tagged === 'string' && Object.keys(value).length === 1) return new Uint8Array(Buffer.from(tagged, 'base64'));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBytes(v)]));
  }
  return value;
}
