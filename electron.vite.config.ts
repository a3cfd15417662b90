import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The server code bundled into out/main/local-server.js finds its files relative to itself
 * (`./migrations`, `../package.json`), so they are put where the bundle looks for them.
 */
function localServerAssets(): Plugin {
  return {
    name: 'droplink-local-server-assets',
    apply: 'build',
    writeBundle() {
      cpSync(resolve(root, 'server/storage/migrations'), resolve(root, 'out/main/migrations'), { recursive: true });
      const { name, version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { name: string; version: string };
      writeFileSync(resolve(root, 'out/package.json'), `${JSON.stringify({ name, version, private: true, type: 'module' }, null, 2)}\n`);
    },
  };
}

/**
 * main/ -> out/main (ESM: electron-store is ESM-only), with the local server's utility-process
 * entry next to it; preload/ -> out/preload/index.cjs (CommonJS, everything but electron bundled,
 * as sandboxed preloads require); renderer/ -> out/renderer.
 */
/**
 * `npm run dev` only: Vite's React refresh needs an inline script and a websocket, which the
 * production CSP in renderer/index.html forbids. The built app keeps the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'droplink-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
  };
}

export default defineConfig({
  main: {
    plugins: [localServerAssets()],
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          'local-server': resolve(root, 'main/local-server/entry.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), devCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
