/** The human-readable tables: one per server, then a comparison of the main step. */
import type { ServerReport, StepReport } from './results';

const cell = (value: string | number | null | undefined): string => (value === null || value === undefined ? '–' : String(value));
const ms = (value: number | null): string => (value === null ? '–' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value} ms`);

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function failures(step: StepReport): string {
  const failed = Object.entries(step.failed).map(([code, n]) => `${n} ${code}`);
  if (step.pending > 0) failed.push(`${step.pending} unacked`);
  return failed.join(', ') || '–';
}

const STEP_HEADER = ['step', 'offered/s', 'sent', 'deliveries/s', 'delivered', 'p50', 'p99', 'x reference', 'failed sends'];

function stepRow(step: StepReport): string[] {
  return [
    step.step,
    cell(step.offeredPerSecond),
    cell(step.sent),
    cell(step.deliveriesPerSecond),
    `${step.deliveredPercent}%`,
    ms(step.p50Ms),
    ms(step.p99Ms),
    cell(step.ratioToReference),
    failures(step),
  ];
}

export function formatReport(report: ServerReport): string[] {
  const lines = [`## ${report.label}`];
  if (report.error) lines.push(`failed: ${report.error}`);
  const steps = [report.main, ...report.sweep].filter((s): s is StepReport => s !== null);
  if (steps.length > 0) lines.push(...table(STEP_HEADER, steps.map(stepRow)));
  if (report.loadSockets && report.loadSockets.failed > 0)
    lines.push(`load sockets: ${report.loadSockets.failed} failed to connect (${cell(report.loadSockets.firstError)})`);
  const m = report.memory;
  if (m)
    lines.push(
      `idle sockets: ${m.connected} of ${m.sockets} (${m.failed} failed): ${m.heapKBPerSocket} KB heap+external, ${m.rssKBPerSocket} KB RSS per socket`,
    );
  const s = report.storm;
  if (s) lines.push(`reconnect storm: ${s.ok} of ${s.sockets} sockets back in ${ms(s.ms)} (${s.failed} failed${s.firstError ? `: ${s.firstError}` : ''})`);
  lines.push(`setup: ${ms(report.setupMs)}`, '');
  return lines;
}

export function formatComparison(reports: ServerReport[]): string[] {
  const rows = reports.map((r) => {
    const main = r.main;
    return [
      r.label,
      cell(main?.deliveriesPerSecond),
      main ? `${main.deliveredPercent}%` : '–',
      ms(main?.p50Ms ?? null),
      ms(main?.p99Ms ?? null),
      cell(main?.ratioToReference),
      r.memory ? `${r.memory.heapKBPerSocket} KB` : '–',
      r.storm ? ms(r.storm.ms) : '–',
    ];
  });
  return ['## main step, all servers', ...table(['server', 'deliveries/s', 'delivered', 'p50', 'p99', 'x reference', 'per idle socket', 'storm'], rows), ''];
}
