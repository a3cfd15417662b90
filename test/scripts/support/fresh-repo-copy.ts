import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Packages copied for real rather than linked: `electron` because the run under test writes its
 * build into it, and `electron-vite` because it finds `electron` relative to its own real path
 * (a link would make it look in the original checkout's node_modules).
 */
const COPIED_PACKAGES = new Set(['electron', 'electron-vite']);

/** What a fresh clone's electron package has: no dist/ and no path.txt. */
const ELECTRON_BUILD = new Set(['dist', 'path.txt']);

/**
 * A copy of the checkout as a fresh clone would have it after `npm ci`: the tracked and untracked
 * (not ignored) files of the working tree, no out/, and node_modules with every package linked
 * to the original except the ones above, which are real copies without any Electron build.
 * Nothing the copy's commands write can land in the original.
 */
export function makeFreshRepoCopy(repoRoot: string, into: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    const source = path.join(repoRoot, file);
    if (!existsSync(source) || lstatSync(source).isDirectory()) continue; // deleted in the working tree, or a submodule
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    copyFileSync(source, path.join(into, file));
  }

  const modules = path.join(repoRoot, 'node_modules');
  const copyModules = path.join(into, 'node_modules');
  mkdirSync(copyModules);
  for (const entry of readdirSync(modules)) {
    const source = path.join(modules, entry);
    const target = path.join(copyModules, entry);
    if (entry === '.bin') {
      cpSync(source, target, { recursive: true, verbatimSymlinks: true }); // relative links, now into the copy
    } else if (COPIED_PACKAGES.has(entry)) {
      cpSync(source, target, {
        recursive: true,
        filter: (file) => path.dirname(file) !== source || !(entry === 'electron' && ELECTRON_BUILD.has(path.basename(file))),
      });
    } else if (!entry.startsWith('.')) {
      // Dot entries (.vite and other tool caches) are left out so the copy's tools make their own.
      symlinkSync(source, target, process.platform === 'win32' ? 'junction' : undefined);
    }
  }
}
