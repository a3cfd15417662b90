const CHUNK_BYTES = 64 * 1024;
/** Progress is reported at most this often (plus once at the end), however many chunks go out. */
const REPORT_EVERY_MS = 50;

/**
 * A request body that hands out `bytes` in chunks as the network takes them, calling `report`
 * with the bytes handed out so far: upload progress that follows the socket's backpressure.
 */
export function progressStream(bytes: Uint8Array, report: (loaded: number) => void, now: () => number = Date.now): ReadableStream<Uint8Array> {
  let offset = 0;
  let lastReport = -Infinity;
  return new ReadableStream<Uint8Array>({
    start() {
      report(0);
    },
    pull(controller) {
      const end = Math.min(offset + CHUNK_BYTES, bytes.byteLength);
      controller.enqueue(bytes.subarray(offset, end));
      offset = end;
      const done = offset >= bytes.byteLength;
      if (done || now() - lastReport >= REPORT_EVERY_MS) {
        lastReport = now();
        report(offset);
      }
      if (done) controller.close();
    },
  });
}
