import path from 'node:path';
import { build } from 'esbuild';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let cached: Promise<string> | null = null;

/** The real preload/index.ts bundled for a plain page, with `electron` swapped for the harness shim. */
export function preloadBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [path.join(repoRoot, 'preload/index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    alias: { electron: path.join(repoRoot, 'test/harness/electron-shim.ts') },
    logLevel: 'silent',
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no preload bundle');
    return file.text;
  });
  return cached;
}
