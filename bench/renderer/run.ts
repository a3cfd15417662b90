/**
 * Renderer benchmark: the real renderer build in Chromium, fed by a bridge double
 * (bridge-double.js) that answers like main for a room of 100,000 messages.
 *
 * Reports: time from clicking the room to its latest message on screen, message rows in the
 * DOM, JS heap after GC, and dropped frames while 1,000 messages arrive within one second.
 * The last line printed is one JSON object: { openMs, domRows, heapMB, droppedFrames, ... }.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.DROPLINK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const INCOMING = 1_000;
const INCOMING_WINDOW_MS = 1_000;
const RUNS = 3;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.join(ROOT, 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
}

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** In the page: click the room, then wait for frames until its latest message is on screen. */
const MEASURE_OPEN = `new Promise((resolve) => {
  const button = [...document.querySelectorAll('nav[aria-label="Rooms"] button')].find((b) => (b.getAttribute('aria-label') || '').startsWith('archive'));
  const latest = String(window.__bench.ROOM_SIZE);
  const started = performance.now();
  button.click();
  const check = () => {
    const row = document.querySelector('.message-row[data-seq="' + latest + '"]');
    const box = row && row.getBoundingClientRect();
    if (box && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && row.checkVisibility({ visibilityProperty: true })) resolve(performance.now() - started);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/** In the page: 1,000 messages in ~60 batches over one second, counting frames missed meanwhile. */
const MEASURE_INCOMING = `new Promise((resolve) => {
  const total = ${INCOMING}, windowMs = ${INCOMING_WINDOW_MS}, frame = 1000 / 60;
  const frames = [];
  let sent = 0, done = false;
  const started = performance.now();
  const tick = (now) => { frames.push(now); if (!done) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const batches = Math.round(windowMs / frame);
  const timer = setInterval(() => {
    const due = Math.min(total, Math.round(((performance.now() - started) / windowMs) * total) || 1);
    if (due > sent) { window.__bench.emitMessages(due - sent); sent = due; }
    if (sent >= total) {
      clearInterval(timer);
      setTimeout(() => {
        done = true;
        let dropped = 0, worst = 0;
        for (let i = 1; i < frames.length; i++) {
          const gap = frames[i] - frames[i - 1];
          worst = Math.max(worst, gap);
          if (gap > frame * 1.5) dropped += Math.round(gap / frame) - 1;
        }
        const lastSeq = window.__bench.ROOM_SIZE + total;
        const lastRow = document.querySelector('.message-row[data-seq="' + lastSeq + '"]');
        resolve({ dropped, frames: frames.length, worstFrameMs: worst, elapsedMs: performance.now() - started, batches, latestShown: !!lastRow });
      }, 250);
    }
  }, frame);
})`;

const DOM_ROWS = `document.querySelectorAll('[role="log"] article').length`;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'droplink-bench-renderer-'));
  await buildRenderer(outDir);
  const server = await serve(outDir);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const opens: number[] = [];
    let result: Record<string, number | boolean> = {};
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript({ path: path.join(import.meta.dirname, 'bridge-double.js') });
      const page = await context.newPage();
      await page.goto(url);
      // The app opens the first room (announcements) by itself; the archive is then opened by a click.
      await page.getByRole('heading', { level: 1, name: 'announcements' }).waitFor();
      await page.waitForTimeout(300);
      const openMs = (await page.evaluate(MEASURE_OPEN)) as number;
      opens.push(openMs);
      await page.waitForTimeout(500);
      const domRows = (await page.evaluate(DOM_ROWS)) as number;

      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

      const incoming = (await page.evaluate(MEASURE_INCOMING)) as { dropped: number; frames: number; worstFrameMs: number; elapsedMs: number; latestShown: boolean };
      const domRowsAfter = (await page.evaluate(DOM_ROWS)) as number;
      await cdp.send('HeapProfiler.collectGarbage');
      const heapAfter = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      console.log(
        `run ${run + 1}: open ${round(openMs)} ms, ${domRows} rows, heap ${round(heap.usedSize / 2 ** 20)} MB; ` +
          `+${INCOMING} msgs in ${round(incoming.elapsedMs)} ms: ${incoming.dropped} dropped frames of ${incoming.frames} (worst ${round(incoming.worstFrameMs)} ms), ` +
          `${domRowsAfter} rows, heap ${round(heapAfter.usedSize / 2 ** 20)} MB, latest shown: ${incoming.latestShown}`,
      );
      result = {
        domRows: Math.max(domRows, domRowsAfter),
        heapMB: round(Math.max(heap.usedSize, heapAfter.usedSize) / 2 ** 20),
        droppedFrames: incoming.dropped,
        frames: incoming.frames,
        worstFrameMs: round(incoming.worstFrameMs),
        latestShownAfterIncoming: incoming.latestShown,
      };
      await context.close();
    }
    console.log(JSON.stringify({ openMs: round(median(opens)), ...result, roomSize: 100_000, incoming: INCOMING, runs: RUNS }));
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
