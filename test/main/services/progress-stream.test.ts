import { describe, expect, it } from 'vitest';
import { progressStream } from '../../../main/services/progress-stream';

describe('progressStream', () => {
  it('hands out every byte in order and reports growing progress ending at the total', async () => {
    const bytes = new Uint8Array(300 * 1024).map((_, i) => i % 251);
    const reports: number[] = [];
    let clock = 0;
    const body = progressStream(
      bytes,
      (loaded) => reports.push(loaded),
      () => (clock += 100),
    );
    const received = new Uint8Array(await new Response(body).arrayBuffer());
    expect(received).toEqual(bytes);
    expect(reports[0]).toBe(0);
    expect(reports.at(-1)).toBe(bytes.byteLength);
    expect(reports.length).toBeGreaterThan(3);
    expect([...reports].sort((a, b) => a - b)).toEqual(reports);
  });

  it('throttles reports but always reports the end', async () => {
    const reports: number[] = [];
    const body = progressStream(
      new Uint8Array(1024 * 1024),
      (loaded) => reports.push(loaded),
      () => 0,
    );
    await new Response(body).arrayBuffer();
    expect(reports).toEqual([0, 64 * 1024, 1024 * 1024]);
  });
});
