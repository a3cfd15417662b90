/**
 * Server benchmark (issue 8): the original guide's example server as the reference, a raw `ws`
 * fan-out, and Droplink on PGlite and on PostgreSQL, each under the same offered load from load
 * generators in their own processes, on loopback. Per server: a main step (1,000 clients in 100
 * rooms of 10, 4,000 msgs/s for 8 s, every member sending in turn), a sweep of offered rates,
 * memory per idle socket and a reconnect storm. Progress goes to stderr; tables to stdout, and as
 * the last line of stdout one JSON object with all figures. BENCH_QUICK=1: a small, short run.
 * See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { loadBenchConfig, type BenchConfig } from './bench-config';
import { LoadFleet } from './load-fleet';
import { stepFigures } from './metrics';
import { formatComparison, formatReport } from './printer';
import { addRatios, TARGETS, targetsMet, type ServerReport, type StepReport } from './results';
import { launchServer, type LaunchedServer } from './server-launch';
import { kindOf, SERVER_LABELS, type ServerTarget } from './server-kinds';

const progress = (message: string): void => console.error(`[bench:server] ${message}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.timeOrigin + performance.now();
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
const round2 = (n: number): number => Math.round(n * 100) / 100;
/** Every generator learns the start time in advance, so they start together. */
const START_LEAD_MS = 300;

/** What is running, so the deadline can end it. */
const live = { server: null as LaunchedServer | null, fleet: null as LoadFleet | null };

async function runStep(fleet: LoadFleet, config: BenchConfig, name: string, rate: number, durationMs: number): Promise<StepReport> {
  const result = await fleet.step({ step: name, rate, durationMs, drainMs: config.drainMs, settleMs: config.settleMs, startAt: now() + START_LEAD_MS });
  const figures = stepFigures(result);
  progress(
    `  ${name}: ${figures.deliveriesPerSecond} deliveries/s, ${figures.deliveredPercent}% delivered, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms` +
      (Object.keys(figures.failed).length || figures.pending ? `, failed ${JSON.stringify(figures.failed)}, unacked ${figures.pending}` : ''),
  );
  return { step: name, ...figures, ratioToReference: null, unsettled: result.unsettled, sendMs: Math.round(result.sendMs) };
}

async function benchServer(target: ServerTarget, config: BenchConfig, report: ServerReport): Promise<void> {
  const started = Date.now();
  const rooms = config.clients / config.roomSize;
  const idleSockets = config.clients * config.idleSocketsPerUser;
  progress(`${SERVER_LABELS[target]}: starting`);
  const server = (live.server = await launchServer(target, {
    postgresUrl: config.postgresUrl,
    logLevel: config.droplinkLogLevel,
    cpuProfileDir: config.cpuProfileDir,
  }));
  try {
    progress(`  listening on ${server.url}; setting up ${config.clients} users in ${rooms} rooms`);
    const fleet = (live.fleet = await LoadFleet.start({
      count: config.generators,
      kind: kindOf(target),
      url: server.url,
      runId: randomBytes(3).toString('hex'),
      rooms,
      roomSize: config.roomSize,
    }));
    try {
      report.setupMs = Date.now() - started;

      const before = await server.memory();
      const idle = await fleet.idleConnect(config.idleSocketsPerUser);
      await sleep(1000);
      const after = await server.memory();
      const perSocket = (bytes: number): number => (idle.ok > 0 ? Math.round((bytes / idle.ok / 1024) * 10) / 10 : 0);
      report.memory = {
        sockets: idleSockets,
        connected: idle.ok,
        failed: idle.failed,
        heapKBPerSocket: perSocket(after.heapUsed + after.external - before.heapUsed - before.external),
        rssKBPerSocket: perSocket(after.rss - before.rss),
      };
      progress(`  ${idle.ok} idle sockets: ${report.memory.heapKBPerSocket} KB heap+external per socket`);

      await fleet.idleClose();
      await sleep(1000);
      const stormStart = now() + START_LEAD_MS;
      const storm = await fleet.storm(config.idleSocketsPerUser, stormStart);
      report.storm = { sockets: idleSockets, ok: storm.ok, failed: storm.failed, ms: Math.round(storm.lastDoneAt - stormStart), firstError: storm.firstError };
      progress(`  reconnect storm: ${storm.ok} sockets in ${report.storm.ms} ms`);
      await sleep(1000);

      const load = await fleet.loadConnect();
      report.loadSockets = { ok: load.ok, failed: load.failed, firstError: load.firstError };
      // JIT and connection warm-up on both sides; not reported.
      await fleet.step({
        step: 'warm-up',
        rate: config.mainRate / 4,
        durationMs: config.warmUpMs,
        drainMs: config.drainMs,
        settleMs: config.settleMs,
        startAt: now() + START_LEAD_MS,
      });
      report.main = await runStep(fleet, config, `main ${config.mainRate}/s`, config.mainRate, config.mainMs);
      for (const rate of config.sweepRates) report.sweep.push(await runStep(fleet, config, `sweep ${rate}/s`, rate, config.sweepMs));
    } finally {
      live.fleet = null;
      await fleet.stop();
    }
  } finally {
    live.server = null;
    await server.stop();
  }
}

async function main(): Promise<void> {
  const config = loadBenchConfig(process.env);
  const deadline = setTimeout(() => {
    progress(`gave up after ${config.deadlineMs / 60_000} minutes`);
    live.fleet?.kill();
    void (live.server?.kill() ?? Promise.resolve()).finally(() => process.exit(2));
  }, config.deadlineMs);

  const loadAtStart = loadavg()[0]!;
  const reports: ServerReport[] = [];
  for (const target of config.targets) {
    const report: ServerReport = {
      target,
      label: SERVER_LABELS[target],
      error: null,
      setupMs: 0,
      loadSockets: null,
      memory: null,
      storm: null,
      main: null,
      sweep: [],
    };
    reports.push(report);
    try {
      await benchServer(target, config, report);
    } catch (error) {
      report.error = errorText(error);
      progress(`${SERVER_LABELS[target]}: failed: ${report.error}`);
    }
  }
  clearTimeout(deadline);

  addRatios(reports);
  const lines = [...reports.flatMap(formatReport), ...formatComparison(reports)];
  const summary = {
    bench: 'server',
    quick: config.quick,
    clients: config.clients,
    rooms: config.clients / config.roomSize,
    roomSize: config.roomSize,
    mainRate: config.mainRate,
    mainMs: config.mainMs,
    sweepMs: config.sweepMs,
    drainMs: config.drainMs,
    idleSockets: config.clients * config.idleSocketsPerUser,
    // Other work on the machine shares its cores with the servers and generators: compare within a run.
    machine: { cpus: availableParallelism(), loadAverage1m: { start: round2(loadAtStart), end: round2(loadavg()[0]!) } },
    servers: Object.fromEntries(reports.map((r) => [r.target, r])),
    targets: TARGETS,
    met: targetsMet(reports),
  };
  process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(summary)}\n`);
  process.exit(reports.some((r) => r.error !== null) ? 1 : 0);
}

main().catch((error: unknown) => {
  progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
