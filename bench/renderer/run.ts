/**
 * Renderer benchmark, through the desktop harness (test/harness): a real Droplink server (embedded
 * PGlite) with a room of 100,000 messages, the real main-process services, the real preload and the
 * real renderer build (out/renderer) in Debian's Chromium.
 *
 * Reports: time from clicking the room in the sidebar to its latest message on screen, message rows
 * in the DOM, JS heap after GC, and dropped frames while another member sends 1,000 messages within
 * one second through the server. Progress goes to stderr; the last line of stdout is one JSON object:
 * { openMs, domRows, heapMB, droppedFrames, ... }. See bench/README.md.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from '../../playwright.config';
import { DesktopDriver, RENDERER_BUILD_DIR, type TestUser } from '../../test/harness/desktop-driver';
import { HARNESS_BINDING } from '../../test/harness/ipc-wire';
import { connectUser, DEFAULT_PASSWORD, register, type Registered } from '../../test/support/protocol-client';
import { startPeer, type Peer } from './peers';
import { seedRoom } from './seed';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROOM_SIZE = 100_000;
const INCOMING = 1_000;
const INCOMING_WINDOW_MS = 1_000;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
/** The whole benchmark is bounded: it gives up (exit 2) after this long. */
const DEADLINE_MS = 10 * 60_000;
/** After the last message was sent, how long to wait for all of them to reach the window. */
const ARRIVAL_TIMEOUT_MS = 20_000;
const TARGETS = { openMs: 150, domRows: 100, heapMB: 100 };

const progress = (message: string): void => console.error(`[bench] ${message}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

class BenchError extends Error {}

// ---------------------------------------------------------------- build check

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function checkRendererBuild(): void {
  const index = path.join(RENDERER_BUILD_DIR, 'index.html');
  if (!existsSync(index)) {
    throw new BenchError(`The renderer build is missing (${path.relative(ROOT, index)}): run \`npm run build\` first.`);
  }
  const built = statSync(index).mtimeMs;
  const sources = ['renderer', 'common'].map((dir) => newestMtime(path.join(ROOT, dir)));
  if (Math.max(...sources) > built) {
    progress('warning: renderer/ or common/ changed after the last build; run `npm run build` to measure the current code');
  }
}

// ---------------------------------------------------------------- in-page probes (strings: they run in the page)

/**
 * Clicks the room in the sidebar, then reports when its latest message is in the DOM and when it is
 * visible on screen (checked every animation frame). `debug` adds per-frame row ranges and scroll
 * positions to the trace (these read layout every frame, so they are off for the figures).
 */
const measureOpen = (roomName: string, latestSeq: number, debug: boolean): string => `new Promise((resolve, reject) => {
  const button = [...document.querySelectorAll('nav[aria-label="Rooms"] button')].find((b) => (b.getAttribute('aria-label') || '').split(',')[0] === ${JSON.stringify(roomName)});
  if (!button) return reject(new Error('no sidebar button for ${roomName}'));
  const selector = '.message-row[data-seq="${latestSeq}"]';
  let inDomMs = null;
  const observer = new MutationObserver(() => {
    if (inDomMs === null && document.querySelector(selector)) { inDomMs = performance.now() - started; observer.disconnect(); }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  // Where the time goes: every bridge call (through the harness's IPC binding) and every long task after the click.
  const trace = { calls: [], longTasks: [], milestones: {}, frames: [] };
  const milestones = { spinner: '.message-list--loading', list: '.message-list__virtuoso', settling: '.message-list--settling', firstRow: '.message-row', latestRow: selector };
  const noteMilestones = () => {
    for (const [name, sel] of Object.entries(milestones)) if (!(name in trace.milestones) && document.querySelector(sel)) trace.milestones[name] = performance.now() - started;
    if ('settling' in trace.milestones && !('settled' in trace.milestones) && !document.querySelector('.message-list--settling')) trace.milestones.settled = performance.now() - started;
  };
  const milestoneObserver = new MutationObserver(noteMilestones);
  milestoneObserver.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  const frameTick = (now) => {
    if (!${debug}) return;
    const rows = document.querySelectorAll('.message-row[data-seq]');
    const scroller = document.querySelector('.message-list__scroller');
    trace.frames.push(Math.round(now - started) + (rows.length ? '[' + rows.length + ':' + rows[0].dataset.seq + '-' + rows[rows.length - 1].dataset.seq + '@' + Math.round(scroller ? scroller.scrollTop : -1) + ']' : ''));
    if (trace.frames.length < 120 && !trace.done) requestAnimationFrame(frameTick); };
  requestAnimationFrame(frameTick);
  const binding = window.${HARNESS_BINDING};
  window.${HARNESS_BINDING} = (channel, args) => {
    const call = { channel, start: performance.now() - started, end: null };
    trace.calls.push(call);
    return binding(channel, args).finally(() => { call.end = performance.now() - started; });
  };
  const longTasks = new PerformanceObserver((list) => { for (const e of list.getEntries()) trace.longTasks.push({ start: e.startTime - started, ms: e.duration }); });
  longTasks.observe({ type: 'longtask' });
  const finish = (result) => {
    window.${HARNESS_BINDING} = binding;
    setTimeout(() => { trace.done = true; milestoneObserver.disconnect(); longTasks.disconnect(); resolve({ ...result, trace }); }, 300);
  };
  const started = performance.now();
  button.click();
  const check = () => {
    const row = document.querySelector(selector);
    const box = row && row.getBoundingClientRect();
    if (box && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && row.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
      observer.disconnect();
      finish({ openMs: performance.now() - started, inDomMs: inDomMs ?? performance.now() - started });
    } else if (performance.now() - started > 15000) {
      observer.disconnect();
      reject(new Error('the latest message of ${roomName} was not shown within 15 s'));
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

interface OpenTrace {
  calls: Array<{ channel: string; start: number; end: number | null }>;
  longTasks: Array<{ start: number; ms: number }>;
  milestones: Record<string, number>;
  frames: string[];
}

const formatTrace = ({ calls, longTasks, milestones, frames }: OpenTrace): string =>
  [
    ...Object.entries(milestones).map(([name, at]) => `${name} ${round(at)}`),
    `frames ${frames.filter((f) => parseInt(f) < 400).join(',')}`,
    ...calls.map((c) => `${c.channel} ${round(c.start)}..${c.end === null ? '?' : round(c.end)}`),
    ...longTasks.map((t) => `long task ${round(t.start)}..${round(t.start + t.ms)}`),
  ].join('; ');

const DOM_ROWS = `document.querySelectorAll('[role="log"] article').length`;

/** Starts recording every animation frame's timestamp, and when the given seq's row first appears. */
const startFrameRecorder = (lastSeq: number): string => `(() => {
  const state = window.__benchFrames = { frames: [], running: true, lastShownAt: null };
  const tick = (now) => { state.frames.push(now); if (state.running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const selector = '.message-row[data-seq="${lastSeq}"]';
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { state.lastShownAt = performance.now(); observer.disconnect(); }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return performance.now();
})()`;

const STOP_FRAME_RECORDER = `(() => { const s = window.__benchFrames; s.running = false; return { frames: s.frames, lastShownAt: s.lastShownAt, now: performance.now() }; })()`;

interface FrameStats {
  budgetMs: number;
  frames: number;
  dropped: number;
  worstFrameMs: number;
  longFrames: number;
}

/** Dropped frames in [from, to]: each gap longer than 1.5 budgets counts the frames it skipped. */
function frameStats(timestamps: number[], from: number, to: number): FrameStats {
  const idle = timestamps.filter((t) => t < from);
  const idleGaps = idle.slice(1).map((t, i) => t - idle[i]!);
  // The display's frame budget as this Chromium paces it (60 Hz unless told otherwise).
  const budgetMs = idleGaps.length >= 5 ? Math.min(median(idleGaps), 1000 / 30) : 1000 / 60;
  const inWindow = timestamps.filter((t) => t >= from && t <= to);
  let dropped = 0;
  let worst = 0;
  let long = 0;
  for (let i = 1; i < inWindow.length; i++) {
    const gap = inWindow[i]! - inWindow[i - 1]!;
    worst = Math.max(worst, gap);
    if (gap > budgetMs * 1.5) {
      long += 1;
      dropped += Math.round(gap / budgetMs) - 1;
    }
  }
  return { budgetMs, frames: inWindow.length, dropped, worstFrameMs: worst, longFrames: long };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** BENCH_PROFILE=<prefix>: a CPU profile of the page around the open, saved, with its heaviest functions printed. */
async function startProfile(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      await cdp.detach();
      writeFileSync(file, JSON.stringify(profile));
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
      const byName = new Map<string, number>();
      for (const node of profile.nodes) {
        const { functionName, url, lineNumber } = node.callFrame;
        const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
        byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
      }
      const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25);
      progress(`profile saved to ${file}; self time:\n${top.map(([k, us]) => `  ${(us / 1000).toFixed(1)} ms  ${k}`).join('\n')}`);
    },
  };
}

/** BENCH_TRACE=<prefix>: a Chromium trace around the open, saved, with the renderer main thread's time per event printed. */
function summarizeTrace(buffer: Buffer, file: string): void {
  writeFileSync(file, buffer);
  type TraceEvent = { name: string; ph: string; dur?: number; pid: number; tid: number; args?: { name?: string } };
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const total = new Map<string, number>();
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
    total.set(e.name, (total.get(e.name) ?? 0) + e.dur);
  }
  const top = [...total].sort((a, b) => b[1] - a[1]).slice(0, 20);
  progress(
    `trace saved to ${file}; renderer main thread (inclusive, nested events overlap):\n${top.map(([k, us]) => `  ${(us / 1000).toFixed(1)} ms  ${k}`).join('\n')}`,
  );
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 2 ** 20;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- setup

interface Setup {
  /** The server's base URL (it changes when the server restarts after seeding). */
  url: string;
  server: Peer;
  dataDir: string;
  me: TestUser;
  sender: Registered;
  archiveId: string;
  seedMs: number;
}

/** A real server in its own process, so it does not share an event loop with the desktop app's main services. */
async function startServerPeer(dataDir: string): Promise<{ peer: Peer; url: string }> {
  const peer = startPeer('server', {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MESSAGES: '1000000',
    OFFLINE_GRACE_MS: '500',
  });
  try {
    const { url } = await peer.request<{ type: string; url: string }>(null, 'listening', 60_000);
    return { peer, url };
  } catch (error) {
    await peer.stop();
    throw error;
  }
}

async function setUp(dataDir: string): Promise<Setup> {
  progress('starting a Droplink server (embedded PGlite) ...');
  let { peer, url } = await startServerPeer(dataDir);
  try {
    progress(`server on ${url}, data in ${dataDir}; registering users ...`);
    const server = { url };
    const password = DEFAULT_PASSWORD;
    const mine = await register(server, 'bench_runner', { password, displayName: 'Bench Runner' });
    const others: Registered[] = [];
    for (const [username, displayName] of [
      ['alice', 'Alice Archer'],
      ['bob', 'Bob Baker'],
      ['carol', 'Carol Chen'],
    ] as const) {
      others.push(await register(server, username, { password, displayName }));
    }
    const owner = await connectUser(server, mine);
    const memberIds = others.map((o) => o.user.id);
    const { room: archive } = await owner.ok('rooms:create', { kind: 'channel', name: 'archive', memberIds });
    const { room: announcements } = await owner.ok('rooms:create', { kind: 'channel', name: 'announcements', memberIds });
    for (const body of ['Welcome to Droplink!', 'The **archive** channel holds the old history.', 'Ping me if something is missing.']) {
      await owner.ok('messages:send', { roomId: announcements.id, clientId: uuidv7(), body });
    }
    owner.close();

    progress(`stopping the server to seed ${ROOM_SIZE.toLocaleString('en')} messages into #archive ...`);
    await peer.stop();
    const seedStarted = performance.now();
    await seedRoom({ dataDir, roomId: archive.id, senderIds: [mine.user.id, ...memberIds], reactorId: memberIds[1]!, count: ROOM_SIZE });
    const seedMs = performance.now() - seedStarted;
    progress(`seeded in ${(seedMs / 1000).toFixed(1)} s; restarting the server on the same DATA_DIR ...`);
    ({ peer, url } = await startServerPeer(dataDir));
    progress(`server back on ${url}`);
    return {
      url,
      server: peer,
      dataDir,
      me: { id: mine.user.id, username: mine.username, password, displayName: mine.user.displayName, token: mine.token },
      sender: others[0]!,
      archiveId: archive.id,
      seedMs,
    };
  } catch (error) {
    await peer.stop();
    throw error;
  }
}

// ---------------------------------------------------------------- one run

interface RunResult {
  openMs: number;
  inDomMs: number;
  domRows: number;
  heapMB: number;
  droppedFrames: number;
  frames: number;
  longFrames: number;
  worstFrameMs: number;
  frameBudgetMs: number;
  messagesReceived: number;
  acked: number;
  sendMs: number;
  lastShownMs: number | null;
  domRowsAfter: number;
  heapAfterMB: number;
}

async function runOnce(run: number, browser: Browser, setup: Setup, sender: Peer, profilesDir: string, lastSeq: number): Promise<RunResult> {
  progress(`run ${run}: launching the desktop app through the harness and signing in ...`);
  const driver = await DesktopDriver.launch({ browser, profilesDir, serverUrl: setup.url }, { profile: `bench-${run}`, user: setup.me });
  try {
    const page = driver.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    // The app opens the first room in the sidebar (announcements) by itself; the archive is then opened by a click.
    await page.getByRole('heading', { level: 1, name: 'announcements' }).waitFor({ timeout: 20_000 });
    await page.locator('nav[aria-label="Rooms"] button[aria-label^="archive"]').waitFor({ timeout: 10_000 });
    await sleep(500);

    progress(`run ${run}: opening #archive (${lastSeq.toLocaleString('en')} messages) ...`);
    if (process.env.BENCH_TRACE)
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    const profiler = process.env.BENCH_PROFILE ? await startProfile(page) : null;
    const open = await page.evaluate<{ openMs: number; inDomMs: number; trace: OpenTrace }>(measureOpen('archive', lastSeq, Boolean(process.env.BENCH_DEBUG)));
    if (profiler) await profiler.stop(`${process.env.BENCH_PROFILE}-run${run}.cpuprofile`);
    if (process.env.BENCH_TRACE) summarizeTrace(await browser.stopTracing(), `${process.env.BENCH_TRACE}-run${run}.json`);
    if (process.env.BENCH_DEBUG) progress(`run ${run}: open trace (ms after the click): ${formatTrace(open.trace)}`);
    await sleep(500);
    const domRows = await page.evaluate<number>(DOM_ROWS);
    const heap = await heapMB(page);

    progress(`run ${run}: ${INCOMING} messages from another member over ${INCOMING_WINDOW_MS} ms ...`);
    const eventsBefore = driver.events().length;
    const firstSeq = lastSeq + 1;
    const finalSeq = lastSeq + INCOMING;
    await page.evaluate(startFrameRecorder(finalSeq));
    await sleep(500); // idle frames first: they give the frame budget
    const burstStart = await page.evaluate<number>('performance.now()');
    const sent = await sender.request<{ type: string; acked: number; failed: number; sendMs: number; firstError: string | null }>(
      { type: 'send', roomId: setup.archiveId, count: INCOMING, windowMs: INCOMING_WINDOW_MS },
      'sent',
      ARRIVAL_TIMEOUT_MS + 30_000,
    );
    const { acked, sendMs } = sent;
    if (sent.firstError) progress(`run ${run}: ${sent.failed} sends failed, the first: ${sent.firstError}`);

    const received = (): number =>
      new Set(
        driver
          .events()
          .slice(eventsBefore)
          .flatMap((e) => (e.type === 'message:new' && e.payload.roomId === setup.archiveId && e.payload.seq >= firstSeq ? [e.payload.seq] : [])),
      ).size;
    const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const shown = await page.evaluate<boolean>('window.__benchFrames.lastShownAt !== null');
      if (received() >= INCOMING && shown) break;
      await sleep(50);
    }
    await sleep(250);
    const recorded = await page.evaluate<{ frames: number[]; lastShownAt: number | null; now: number }>(STOP_FRAME_RECORDER);
    const stats = frameStats(recorded.frames, burstStart, recorded.now);
    const messagesReceived = received();
    const domRowsAfter = await page.evaluate<number>(DOM_ROWS);
    const heapAfter = await heapMB(page);

    const result: RunResult = {
      openMs: open.openMs,
      inDomMs: open.inDomMs,
      domRows,
      heapMB: heap,
      droppedFrames: stats.dropped,
      frames: stats.frames,
      longFrames: stats.longFrames,
      worstFrameMs: stats.worstFrameMs,
      frameBudgetMs: stats.budgetMs,
      messagesReceived,
      acked,
      sendMs,
      lastShownMs: recorded.lastShownAt === null ? null : recorded.lastShownAt - burstStart,
      domRowsAfter,
      heapAfterMB: heapAfter,
    };
    progress(
      `run ${run}: open ${round(result.openMs)} ms (in DOM ${round(result.inDomMs)} ms), ${domRows} rows, heap ${round(heap)} MB; ` +
        `+${INCOMING} sent in ${round(sendMs)} ms, ${acked} acked, ${messagesReceived} reached the window, last shown after ${result.lastShownMs === null ? 'never' : `${round(result.lastShownMs)} ms`}; ` +
        `${stats.dropped} dropped frames of ${stats.frames} (budget ${round(stats.budgetMs)} ms, worst ${round(stats.worstFrameMs)} ms), ${domRowsAfter} rows, heap ${round(heapAfter)} MB`,
    );
    return result;
  } finally {
    await driver.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  checkRendererBuild();
  if (!existsSync(CHROMIUM_PATH)) throw new BenchError(`Chromium is missing at ${CHROMIUM_PATH} (apt-get install chromium, or set DROPLINK_CHROMIUM).`);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'droplink-bench-data-'));
  const profilesDir = mkdtempSync(path.join(tmpdir(), 'droplink-bench-profiles-'));
  let setup: Setup | undefined;
  let browser: Browser | undefined;
  let sender: Peer | undefined;
  try {
    setup = await setUp(dataDir);
    progress("starting Chromium and the other member's client ...");
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    sender = startPeer('sender');
    await sender.request({ type: 'connect', url: setup.url, token: setup.sender.token }, 'connected', 30_000);
    const results: RunResult[] = [];
    let lastSeq = ROOM_SIZE;
    for (let run = 1; run <= RUNS; run++) {
      results.push(await runOnce(run, browser, setup, sender, profilesDir, lastSeq));
      lastSeq += INCOMING;
    }

    const openMs = results.map((r) => r.openMs);
    const dropped = results.map((r) => r.droppedFrames);
    const worst = results.reduce((a, b) => (b.droppedFrames > a.droppedFrames ? b : a));
    const summary = {
      openMs: round(median(openMs)),
      domRows: Math.max(...results.map((r) => Math.max(r.domRows, r.domRowsAfter))),
      heapMB: round(Math.max(...results.map((r) => Math.max(r.heapMB, r.heapAfterMB)))),
      droppedFrames: median(dropped),
      frames: worst.frames,
      worstFrameMs: round(Math.max(...results.map((r) => r.worstFrameMs))),
      frameBudgetMs: round(median(results.map((r) => r.frameBudgetMs))),
      messagesReceived: Math.min(...results.map((r) => r.messagesReceived)),
      lastShownMs: results.every((r) => r.lastShownMs !== null) ? round(median(results.map((r) => r.lastShownMs!))) : null,
      openMsRuns: openMs.map((v) => round(v)),
      inDomMsRuns: results.map((r) => round(r.inDomMs)),
      droppedFramesRuns: dropped,
      heapMBRuns: results.map((r) => round(r.heapMB)),
      seedMs: Math.round(setup.seedMs),
      roomSize: ROOM_SIZE,
      incoming: INCOMING,
      runs: RUNS,
      targets: TARGETS,
      met: {
        openMs: median(openMs) < TARGETS.openMs,
        domRows: Math.max(...results.map((r) => Math.max(r.domRows, r.domRowsAfter))) <= TARGETS.domRows,
        heapMB: Math.max(...results.map((r) => Math.max(r.heapMB, r.heapAfterMB))) < TARGETS.heapMB,
      },
    };
    console.log(JSON.stringify(summary));
    const short = results.find((r) => r.messagesReceived < INCOMING);
    if (short) {
      console.error(
        `[bench] FAILED: only ${short.messagesReceived} of ${INCOMING} incoming messages reached the window (${short.acked} were acknowledged by the server).`,
      );
      return 1;
    }
    return 0;
  } finally {
    await sender?.stop().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await setup?.server.stop().catch(() => undefined);
    rmSync(profilesDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error(`[bench] gave up after ${DEADLINE_MS / 60_000} minutes`);
  process.exit(2);
}, DEADLINE_MS);
watchdog.unref();

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BenchError ? `[bench] ${error.message}` : error);
    process.exit(1);
  },
);
