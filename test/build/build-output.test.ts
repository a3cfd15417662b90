import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const out = path.resolve(import.meta.dirname, '../../out');
const preload = path.join(out, 'preload/index.cjs');
const built = existsSync(preload) && existsSync(path.join(out, 'main/index.js'));

/** Checks the output of `npm run build` (skipped until it has run). */
describe.skipIf(!built)('build output', () => {
  it('the preload is one CommonJS file whose only runtime import is electron (sandbox-safe)', () => {
    const code = readFileSync(preload, 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s|^\s*export\s/m);
  });

  it('main is ESM (electron-store is ESM-only) with the local server entry and its migrations beside it', () => {
    expect(readFileSync(path.join(out, 'main/index.js'), 'utf8')).toMatch(/^import .* from "electron";?$/m);
    expect(existsSync(path.join(out, 'main/local-server.js'))).toBe(true);
    expect(existsSync(path.join(out, 'main/migrations'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
  });

  it('the renderer is built with relative asset paths (loadable from app://droplink/)', () => {
    const html = readFileSync(path.join(out, 'renderer/index.html'), 'utf8');
    expect(html).toMatch(/src="\.\/assets\/[^"]+\.js"/);
  });
});
