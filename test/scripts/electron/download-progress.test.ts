import { describe, expect, it } from 'vitest';
import { createProgressPrinter } from '../../../scripts/electron/download-progress';

const URL_ = 'https://mirror.example/electron/v45.6.0/electron-v45.6.0-linux-x64.zip';
const MB = 1024 * 1024;

function recorder(isTTY: boolean): { out: { isTTY: boolean; write(text: string): void }; text: () => string } {
  let written = '';
  return { out: { isTTY, write: (text: string) => void (written += text) }, text: () => written };
}

describe('createProgressPrinter', () => {
  it('off a terminal, prints one line per tenth of the file and the last one once', () => {
    const { out, text } = recorder(false);
    const print = createProgressPrinter(out);
    const total = 100 * MB;
    for (let transferred = 0; transferred <= total; transferred += MB) print(URL_, { transferred, total, percent: transferred / total });
    print(URL_, { transferred: total, total, percent: 1 }); // the downloader reports completion again

    const lines = text().split('\n').filter(Boolean);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('  Downloading electron-v45.6.0-linux-x64.zip: 0% (0 kB of 100.0 MB)');
    expect(lines[5]).toBe('  Downloading electron-v45.6.0-linux-x64.zip: 50% (50.0 MB of 100.0 MB)');
    expect(lines.at(-1)).toBe('  Downloading electron-v45.6.0-linux-x64.zip: 100% (100.0 MB of 100.0 MB)');
  });

  it('without a Content-Length, reports megabytes every 10 MB and 100% at the end', () => {
    const { out, text } = recorder(false);
    const print = createProgressPrinter(out);
    for (let transferred = 0; transferred <= 25 * MB; transferred += MB) print(URL_, { transferred, total: null, percent: 0 });
    print(URL_, { transferred: 25 * MB, total: null, percent: 1 });

    expect(text().split('\n').filter(Boolean)).toEqual([
      '  Downloading electron-v45.6.0-linux-x64.zip: (0 kB)',
      '  Downloading electron-v45.6.0-linux-x64.zip: (10.0 MB)',
      '  Downloading electron-v45.6.0-linux-x64.zip: (20.0 MB)',
      '  Downloading electron-v45.6.0-linux-x64.zip: 100% (25.0 MB)',
    ]);
  });

  it('on a terminal, redraws one line at most every 100 ms and ends it with a newline', () => {
    const { out, text } = recorder(true);
    let clock = 1_000;
    const print = createProgressPrinter(out, () => clock);
    const total = 10 * MB;
    print(URL_, { transferred: MB, total, percent: 0.1 });
    clock += 50;
    print(URL_, { transferred: 2 * MB, total, percent: 0.2 }); // too soon: skipped
    clock += 60;
    print(URL_, { transferred: 3 * MB, total, percent: 0.3 });
    print(URL_, { transferred: total, total, percent: 1 });

    const frames = text().split('\r').filter(Boolean);
    expect(frames.map((frame) => /: (\d+)%/.exec(frame)?.[1])).toEqual(['10', '30', '100']);
    expect(text().endsWith('\n')).toBe(true);
    expect(text().split('\n')).toHaveLength(2);
  });

  it('keeps separate state per file (the checksum file is reported on its own)', () => {
    const { out, text } = recorder(false);
    const print = createProgressPrinter(out);
    print(URL_, { transferred: MB, total: MB, percent: 1 });
    print('https://mirror.example/electron/v45.6.0/SHASUMS256.txt', { transferred: 2048, total: 2048, percent: 1 });
    expect(text()).toContain('electron-v45.6.0-linux-x64.zip: 100% (1.0 MB of 1.0 MB)');
    expect(text()).toContain('SHASUMS256.txt: 100% (2 kB of 2 kB)');
  });
});
