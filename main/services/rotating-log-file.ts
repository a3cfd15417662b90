import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;

export interface RotatingLogFile {
  readonly path: string;
  /** The previous file, kept once: `<name>.old<ext>`. */
  readonly previousPath: string;
  write(chunk: string | Uint8Array): void;
  close(): void;
}

/** `logs/local-server.log` -> `logs/local-server.old.log` (electron-log's naming for main's own log). */
export function previousLogPath(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.old${ext}`);
}

/**
 * An append-only log file that never grows past `maxBytes`: when a write would cross it, the
 * file becomes the previous one (replacing any older) and a new one starts. Writes are
 * synchronous so that the last lines before a crash are on disk; a failing disk never throws
 * into the caller, it is reported once through `onError` and writing stops.
 */
export function openRotatingLogFile(file: string, options: { maxBytes?: number; onError?: (err: unknown) => void } = {}): RotatingLogFile {
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const previousPath = previousLogPath(file);
  let fd: number | null = null;
  let size = 0;
  let failed = false;

  const fail = (err: unknown): void => {
    failed = true;
    closeCurrent();
    options.onError?.(err);
  };
  const closeCurrent = (): void => {
    if (fd === null) return;
    const open = fd;
    fd = null;
    try {
      closeSync(open);
    } catch {
      // Already gone; nothing more to flush.
    }
  };
  const openCurrent = (): number => {
    mkdirSync(path.dirname(file), { recursive: true });
    const opened = openSync(file, 'a');
    size = fstatSync(opened).size;
    fd = opened;
    return opened;
  };
  const rotate = (): number => {
    closeCurrent();
    renameSync(file, previousPath);
    return openCurrent();
  };

  try {
    // A file left over from an earlier run that is already full starts a new one at once.
    openCurrent();
    if (size >= maxBytes) rotate();
  } catch (err) {
    fail(err);
  }

  return {
    path: file,
    previousPath,
    write(chunk) {
      if (failed || fd === null) return;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (bytes.byteLength === 0) return;
      try {
        let target = fd;
        if (size > 0 && size + bytes.byteLength > maxBytes) target = rotate();
        let written = 0;
        while (written < bytes.byteLength) written += writeSync(target, bytes, written, bytes.byteLength - written);
        size += bytes.byteLength;
      } catch (err) {
        fail(err);
      }
    },
    close() {
      closeCurrent();
    },
  };
}
