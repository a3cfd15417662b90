import { existsSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { extractFile } from '@electron/asar';
import type { AsarFile } from './asar-index';

/**
 * Files a module must find at run time as real files, not inside the archive: natives, the shared
 * libraries they link (sharp's libvips), wasm, PGlite's file-system image.
 */
const MUST_BE_REAL_FILE = /\.(node|wasm|data|dylib|dll)$|\.so(\.\d+)*$/;
const CONDITION_SETS = [
  ['node', 'import', 'module-sync', 'default'],
  ['node', 'require', 'default'],
];

/** Why a file has to be in the package: which file or package needs it. */
interface Requirement {
  file: string;
  neededBy: string;
  realFile: boolean;
}

/** What the packed entry points load, and what could not be found in the archive. */
export interface LoadClosure {
  required: Requirement[];
  missing: string[];
  packages: string[];
}

type Exports = string | null | Exports[] | { [key: string]: Exports };
interface PackageJson {
  name?: string;
  main?: string;
  exports?: Exports;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const posix = path.posix;
const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '');

/**
 * import/export … from "x", import "x", import("x"), require("x"), new URL("x", import.meta.url),
 * outside comment lines (bundles keep libraries' JSDoc, which mentions `import('unist')` and the like).
 */
function specifiersOf(source: string): { modules: string[]; relativeFiles: string[] } {
  const code = source
    // Block comments first: a bundled library's multi-line JSDoc has `@typedef {import('x')}` lines that start with neither `*` nor `//`.
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => !/^\s*(?:\*|\/\*|\/\/)/.test(line))
    .join('\n');
  const modules = [
    ...code.matchAll(/^\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] as string);
  const relativeFiles = [...code.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[1] as string);
  return { modules, relativeFiles };
}

/** src="…" and href="…" of an HTML page, url(…) of a stylesheet: the relative ones. */
function assetsOf(code: string): string[] {
  const refs = [...code.matchAll(/\b(?:src|href)="([^"]+)"/g), ...code.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1] as string);
  return refs.filter((ref) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref));
}

function packageNameOf(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(count).join('/');
  return { name: parts.slice(0, count).join('/'), subpath: rest === '' ? '.' : `./${rest}` };
}

function conditionTarget(value: Exports, conditions: string[]): string | null {
  if (typeof value === 'string') return value;
  if (value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const target = conditionTarget(item, conditions);
      if (target !== null) return target;
    }
    return null;
  }
  for (const [key, nested] of Object.entries(value)) {
    if (!conditions.includes(key)) continue;
    const target = conditionTarget(nested, conditions);
    if (target !== null) return target;
  }
  return null;
}

/** The export map entry for `subpath` (exact, or a single-`*` pattern), as Node resolves it. */
function exportFor(exportsField: Exports, subpath: string): { value: Exports; star: string | null } | null {
  const isSubpathMap =
    typeof exportsField === 'object' && exportsField !== null && !Array.isArray(exportsField) && Object.keys(exportsField).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? { value: exportsField, star: null } : null;
  const map = exportsField as Record<string, Exports>;
  if (subpath in map) return { value: map[subpath] ?? null, star: null };
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const [before, after] = [key.slice(0, star), key.slice(star + 1)];
    if (subpath.startsWith(before) && subpath.endsWith(after) && subpath.length >= key.length - 1) {
      return { value, star: subpath.slice(before.length, subpath.length - after.length) };
    }
  }
  return null;
}

/**
 * Follows everything the app's entry points load, through the archive's own node_modules the
 * way Node resolves it: relative imports, chunks and assets of out/, the files the bundles read
 * next to themselves (`new URL(…, import.meta.url)`), each bare import's package entry, and
 * recursively every package's dependencies (optional and peer ones where the project has them
 * installed). Natives, wasm and data images found in those packages must be unpacked.
 */
export function traceLoadClosure(archive: string, files: Map<string, AsarFile>, projectDir: string, entries: string[]): LoadClosure {
  const required = new Map<string, Requirement>();
  const missing: string[] = [];
  const packages = new Set<string>();
  const read = (file: string): string => extractFile(archive, file).toString('utf8');
  const need = (file: string, neededBy: string): boolean => {
    const normal = posix.normalize(file);
    if (!required.has(normal)) required.set(normal, { file: normal, neededBy, realFile: MUST_BE_REAL_FILE.test(normal) });
    if (files.has(normal)) return true;
    missing.push(`${normal} (needed by ${neededBy})`);
    return false;
  };
  const firstPresent = (candidates: string[]): string | undefined => candidates.map((c) => posix.normalize(c)).find((c) => files.has(c));
  const asFile = (base: string): string | undefined =>
    firstPresent([base, `${base}.js`, `${base}.json`, `${base}.node`, `${base}/index.js`, `${base}/index.json`]);

  const seenOut = new Set<string>();
  const visitOutFile = (file: string, neededBy: string): void => {
    if (seenOut.has(file)) return;
    seenOut.add(file);
    if (!need(file, neededBy) || !/\.(c?js|mjs|html|css)$/.test(file)) return;
    const code = read(file);
    const dir = posix.dirname(file);
    if (/\.(html|css)$/.test(file)) {
      for (const ref of assetsOf(code)) visitOutFile(posix.join(dir, ref.split(/[?#]/)[0] as string), file);
      return;
    }
    const { modules, relativeFiles } = specifiersOf(code);
    for (const specifier of modules) {
      if (specifier.startsWith('.')) visitOutFile(posix.join(dir, specifier), file);
      else if (file.startsWith('out/renderer/')) missing.push(`${specifier}: a bare import in the window's bundle ${file}, which no browser resolves`);
      else if (specifier !== 'electron' && !isBuiltin(specifier)) visitPackageImport(specifier, dir, file);
    }
    for (const ref of relativeFiles) {
      const target = posix.join(dir, ref);
      const onDisk = path.join(projectDir, target);
      if (existsSync(onDisk) && statSync(onDisk).isDirectory()) {
        for (const entry of readdirSync(onDisk, { recursive: true, withFileTypes: true })) {
          if (entry.isFile()) need(posix.join(target, path.relative(onDisk, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')), file);
        }
      } else need(target, file);
    }
  };

  /** Node's lookup: <dir>/node_modules/<name>, then each parent's. */
  const findPackage = (name: string, fromDir: string): string | undefined => {
    for (let dir = fromDir; ; dir = posix.dirname(dir)) {
      const candidate = dir === '.' || dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (files.has(`${candidate}/package.json`)) return candidate;
      if (dir === '.' || dir === '' || dir === '/') return undefined;
    }
  };
  const installedInProject = (name: string, fromPackageDir: string): boolean => {
    for (let dir = path.join(projectDir, fromPackageDir); dir.startsWith(projectDir); dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return true;
      if (dir === projectDir) return false;
    }
    return false;
  };

  const entryFiles = (pkgDir: string, pkg: PackageJson, subpath: string): string[] => {
    if (pkg.exports !== undefined) {
      const match = exportFor(pkg.exports, subpath);
      if (!match) return [];
      const targets = CONDITION_SETS.map((conditions) => conditionTarget(match.value, conditions)).filter((t): t is string => t !== null);
      return [...new Set(targets.map((t) => posix.join(pkgDir, match.star === null ? t : t.replaceAll('*', match.star))))];
    }
    return [posix.join(pkgDir, subpath === '.' ? (pkg.main ?? 'index.js') : subpath)];
  };

  const visitedPackages = new Set<string>();
  const visitPackage = (pkgDir: string): PackageJson => {
    const pkg = JSON.parse(read(`${pkgDir}/package.json`)) as PackageJson;
    need(`${pkgDir}/package.json`, pkgDir);
    if (visitedPackages.has(pkgDir)) return pkg;
    visitedPackages.add(pkgDir);
    packages.add(pkgDir);
    for (const file of entryFiles(pkgDir, pkg, '.')) {
      const resolved = asFile(file);
      need(resolved ?? file, pkgDir);
    }
    const optionalPeers = new Set(
      Object.entries(pkg.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([name]) => name),
    );
    const deps = [
      ...Object.keys(pkg.dependencies ?? {}).map((name) => ({ name, optional: false })),
      ...Object.keys(pkg.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
      ...Object.keys(pkg.peerDependencies ?? {}).map((name) => ({ name, optional: optionalPeers.has(name) })),
    ].filter(({ name }) => !name.startsWith('@types/'));
    for (const { name, optional } of deps) {
      if (optional && !installedInProject(name, pkgDir)) continue;
      const depDir = findPackage(name, pkgDir);
      if (depDir) visitPackage(depDir);
      else missing.push(`${name} (a dependency of ${pkgDir})`);
    }
    const realDir = path.join(projectDir, pkgDir);
    if (existsSync(realDir)) {
      for (const entry of readdirSync(realDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !MUST_BE_REAL_FILE.test(entry.name)) continue;
        const relative = path.relative(projectDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
        if (!relative.slice(pkgDir.length + 1).includes('node_modules/')) need(relative, pkgDir);
      }
    }
    return pkg;
  };

  const visitPackageImport = (specifier: string, fromDir: string, importer: string): void => {
    const { name, subpath } = packageNameOf(specifier);
    const pkgDir = findPackage(name, fromDir);
    if (!pkgDir) {
      missing.push(`${name} (imported by ${importer})`);
      return;
    }
    const pkg = visitPackage(pkgDir);
    const targets = entryFiles(pkgDir, pkg, subpath);
    if (targets.length === 0) missing.push(`${specifier}: no export "${subpath}" in ${pkgDir}/package.json (imported by ${importer})`);
    for (const target of targets) need(asFile(target) ?? target, importer);
  };

  for (const entry of entries) visitOutFile(entry, 'the app');
  return { required: [...required.values()], missing, packages: [...packages].sort() };
}
