import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Enforces DEVELOPERS.md's "who may import whom" on every source file. */
const root = resolve(import.meta.dirname, '../..');
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

type Layer = 'common' | 'server' | 'main' | 'preload' | 'renderer';

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(abs, entry);
    if (entry === 'node_modules' || entry === 'migrations') return [];
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return /\.(ts|tsx)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((ref) => ref.fileName);
}

function layerOfTarget(file: string, specifier: string): Layer | 'package' | 'builtin' {
  if (nodeBuiltins.has(specifier)) return 'builtin';
  if (!specifier.startsWith('.')) return 'package';
  const target = relative(root, resolve(join(file, '..'), specifier));
  return target.split(sep)[0] as Layer;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function violations(layer: Layer, allowed: (target: string, specifier: string) => boolean): string[] {
  return sourceFiles(layer).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => !allowed(layerOfTarget(file, specifier), specifier))
      .map((specifier) => `${relative(root, file)} imports ${specifier}`),
  );
}

describe('import boundaries', () => {
  it('common/ is pure TypeScript: only common/ and zod', () => {
    expect(violations('common', (target, spec) => target === 'common' || packageName(spec) === 'zod')).toEqual([]);
  });

  it('server/ imports only common/, packages and Node', () => {
    expect(violations('server', (target) => ['server', 'common', 'package', 'builtin'].includes(target))).toEqual([]);
  });

  it('main/ never imports the renderer or the preload', () => {
    expect(violations('main', (target) => !['renderer', 'preload'].includes(target))).toEqual([]);
  });

  it('only the local-server entry in main/ imports server/ (main talks to servers over the wire)', () => {
    const outsideEntry = violations('main', (target) => target !== 'server').filter((line) => !line.startsWith(`main${sep}local-server${sep}`));
    expect(outsideEntry).toEqual([]);
  });

  it('preload/ imports only electron, common/ and itself', () => {
    expect(violations('preload', (target, spec) => ['preload', 'common'].includes(target) || spec === 'electron')).toEqual([]);
  });

  it('renderer/ knows only window.droplink: no electron, Node or socket.io-client', () => {
    const forbidden = new Set(['electron', 'socket.io-client', 'electron-store']);
    expect(
      violations('renderer', (target, spec) => ['renderer', 'common'].includes(target) || (target === 'package' && !forbidden.has(packageName(spec)))),
    ).toEqual([]);
  });
});
