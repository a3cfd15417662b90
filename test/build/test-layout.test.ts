import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The test of a file is found by its path: test/<tree>/<path>.test.ts tests <source tree>/<path>.ts(x),
 * optionally as <path>.<topic>.test.ts for one of several suites of the same file. Black-box suites
 * that test a whole surface rather than one file have their own folders: the server's protocol
 * areas (top level of test/server), the desktop end-to-end specs, and the build and repo checks.
 */
const MIRRORED_TREES: ReadonlyArray<{ tests: string; sources: readonly string[] }> = [
  { tests: 'test/main', sources: ['main', 'test/main'] },
  { tests: 'test/preload', sources: ['preload'] },
  { tests: 'test/renderer', sources: ['renderer/src'] },
  { tests: 'test/common', sources: ['common'] },
  { tests: 'test/scripts', sources: ['scripts'] },
  { tests: 'test/server', sources: ['server'] },
  { tests: 'test/bench', sources: ['bench'] },
];
const SURFACE_SUITES = new Set(['test/common/import-boundaries.test.ts']);
const isSurfaceSuite = (file: string): boolean => SURFACE_SUITES.has(file) || /^test\/server\/[^/]+\.test\.ts$/.test(file);

function testFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.test\.tsx?$/.test(name))
    .map((name) => `${dir}/${name.split(path.sep).join('/')}`);
}

function sourceCandidates(relative: string, sources: readonly string[]): string[] {
  const stem = relative.replace(/\.test\.tsx?$/, '');
  const stems = [stem, stem.replace(/\.[^./]+$/, '')]; // <file>.<topic>.test.ts
  return sources.flatMap((tree) => stems.flatMap((s) => ['.ts', '.tsx'].map((ext) => `${tree}/${s}${ext}`)));
}

describe('test layout', () => {
  it('every test file mirrors the source file it tests', () => {
    const strays = MIRRORED_TREES.flatMap(({ tests, sources }) =>
      testFiles(tests)
        .filter((file) => !isSurfaceSuite(file))
        .filter((file) => !sourceCandidates(file.slice(tests.length + 1), sources).some((candidate) => existsSync(path.join(root, candidate)))),
    );
    expect(strays).toEqual([]);
  });

  it('finds a stray test (the check above can fail)', () => {
    expect(sourceCandidates('services/no-such-module.test.ts', ['main']).some((c) => existsSync(path.join(root, c)))).toBe(false);
    expect(sourceCandidates('services/outbox-service.retry.test.ts', ['main']).some((c) => existsSync(path.join(root, c)))).toBe(true);
  });
});
