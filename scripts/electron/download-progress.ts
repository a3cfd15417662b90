import type { Progress } from '@electron/get';
import type { ProgressListener } from './download-electron';

const MB = 1024 * 1024;
const REDRAW_MS = 100;

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

interface FileState {
  printedStep: number;
  lastDraw: number;
  finished: boolean;
}

/**
 * Prints download progress: one line redrawn in place on a terminal, otherwise (CI, pipes,
 * logs) a new line at every tenth of the file, or every 10 MB when the size is unknown.
 */
export function createProgressPrinter(out: Output, now: () => number = Date.now): ProgressListener {
  const files = new Map<string, FileState>();
  return (url, progress) => {
    const name = fileName(url);
    const state = files.get(name) ?? { printedStep: -1, lastDraw: 0, finished: false };
    files.set(name, state);
    if (state.finished) return;

    const done = progress.percent >= 1;
    const line = describe(name, progress);
    if (out.isTTY) {
      if (!done && now() - state.lastDraw < REDRAW_MS) return;
      state.lastDraw = now();
      out.write(`\r${line}\x1b[K${done ? '\n' : ''}`);
    } else {
      const step = done ? Number.POSITIVE_INFINITY : progressStep(progress);
      if (step <= state.printedStep) return;
      state.printedStep = step;
      out.write(`${line}\n`);
    }
    state.finished = done;
  };
}

function progressStep({ transferred, total, percent }: Progress): number {
  return total ? Math.floor(percent * 10) : Math.floor(transferred / (10 * MB));
}

function describe(name: string, { transferred, total, percent }: Progress): string {
  const size = total ? `${formatBytes(transferred)} of ${formatBytes(total)}` : formatBytes(transferred);
  const share = total || percent >= 1 ? `${Math.floor(percent * 100)}% ` : '';
  return `  Downloading ${name}: ${share}(${size})`;
}

function formatBytes(bytes: number): string {
  return bytes < MB ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / MB).toFixed(1)} MB`;
}

function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}
