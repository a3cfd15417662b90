import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AsarFile } from './asar-index';

/** How big the packaged app is and what takes the room. */
export interface PackagedSize {
  asarBytes: number;
  unpackedBytes: number;
  /** Largest parts of the archive (each package under node_modules, each folder of out/), biggest first. */
  largestPacked: { part: string; bytes: number }[];
  largestUnpacked: { part: string; bytes: number }[];
}

/** node_modules/@scope/name, node_modules/name, or the first two levels of anything else (out/main). */
function partOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'node_modules') return parts.length > 2 ? parts.slice(0, 2).join('/') : (parts[0] as string);
  return parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/');
}

const top = (totals: Map<string, number>, count: number) =>
  [...totals]
    .map(([part, bytes]) => ({ part, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);

const directoryBytes = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);

export function measurePackagedSize(resourcesDir: string, files: Map<string, AsarFile>, count = 8): PackagedSize {
  const packed = new Map<string, number>();
  const unpacked = new Map<string, number>();
  for (const [file, { size, unpacked: isUnpacked }] of files) {
    const totals = isUnpacked ? unpacked : packed;
    totals.set(partOf(file), (totals.get(partOf(file)) ?? 0) + size);
  }
  return {
    asarBytes: statSync(path.join(resourcesDir, 'app.asar')).size,
    unpackedBytes: directoryBytes(path.join(resourcesDir, 'app.asar.unpacked')),
    largestPacked: top(packed, count),
    largestUnpacked: top(unpacked, count),
  };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function formatPackagedSize(size: PackagedSize): string {
  const rows = (list: PackagedSize['largestPacked']) => list.map(({ part, bytes }) => `    ${mib(bytes).padStart(9)}  ${part}`).join('\n');
  return [
    `app.asar ${mib(size.asarBytes)}, app.asar.unpacked ${mib(size.unpackedBytes)}`,
    '  largest inside app.asar:',
    rows(size.largestPacked),
    '  largest in app.asar.unpacked:',
    rows(size.largestUnpacked),
  ].join('\n');
}
