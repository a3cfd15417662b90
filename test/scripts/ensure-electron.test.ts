import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElectronMirror, shasums, type ElectronMirror } from './support/electron-mirror';
import { makeFreshRepoCopy } from './support/fresh-repo-copy';
import { runNpmScript } from './support/run-npm-script';
import { makeStandInElectronZip, RECORD_ENV, type StandInLaunch } from './support/stand-in-electron';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
const platformPath = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
const zipPath = `/v${version}/${zipName}`;
const shasumsPath = `/v${version}/SHASUMS256.txt`;
/** One `npm start` or `npm run dev` builds the whole app; on a busy 2-core machine that takes a while. */
const RUN_TIMEOUT_MS = 5 * 60_000;
const TEST_TIMEOUT_MS = RUN_TIMEOUT_MS + 60_000;

interface Checkout {
  root: string;
  cache: string;
  record: string;
}

function launches(checkout: Checkout): StandInLaunch[] {
  if (!existsSync(checkout.record)) return [];
  return readFileSync(checkout.record, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as StandInLaunch);
}

function environmentFor(checkout: Checkout, mirror: ElectronMirror): Record<string, string> {
  return {
    ELECTRON_MIRROR: mirror.url,
    // The stand-in cannot match the checksums.json shipped for the real Electron, so verification
    // runs against the mirror's SHASUMS256.txt, the way Electron documents for custom builds.
    electron_use_remote_checksums: '1',
    electron_config_cache: checkout.cache,
    // The mirror, and the dev server the stand-in fetches, are local even where a proxy is configured.
    NO_PROXY: '127.0.0.1,localhost,::1',
    no_proxy: '127.0.0.1,localhost,::1',
    [RECORD_ENV]: checkout.record,
  };
}

/** The stand-in ran with the checkout as its app: `.` in the checkout, whose main is the built entry. */
function expectLaunchedOnBuiltApp(checkout: Checkout, launch: StandInLaunch | undefined, since: number): void {
  expect(launch?.argv[0]).toBe('.');
  expect(realpathSync(launch?.cwd ?? '')).toBe(realpathSync(checkout.root));
  const checkoutManifest = JSON.parse(readFileSync(path.join(checkout.root, 'package.json'), 'utf8')) as { main: string };
  expect(checkoutManifest.main).toBe('out/main/index.js');
  const entry = path.join(checkout.root, checkoutManifest.main);
  expect(statSync(entry).mtimeMs).toBeGreaterThanOrEqual(since - 1000);
  expect(existsSync(path.join(checkout.root, 'out/preload/index.cjs'))).toBe(true);
}

describe.skipIf(process.platform === 'win32')('first start fetches Electron (scripts/ensure-electron.ts)', () => {
  let work: string;
  let zip: Buffer;
  let mirror: ElectronMirror;
  let tamperedMirror: ElectronMirror;

  const freshCheckout = (name: string): Checkout => {
    const checkout = { root: path.join(work, name), cache: path.join(work, `${name}-cache`), record: path.join(work, `${name}-launches.jsonl`) };
    mkdirSync(checkout.root);
    makeFreshRepoCopy(repoRoot, checkout.root);
    return checkout;
  };

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'droplink-first-start-'));
    zip = await makeStandInElectronZip(version, platformPath);
    mirror = await startElectronMirror({ [zipPath]: zip, [shasumsPath]: shasums({ [zipName]: zip }) });
    tamperedMirror = await startElectronMirror({ [zipPath]: zip, [shasumsPath]: shasums({ [zipName]: Buffer.from('another build') }) });
  });

  afterAll(async () => {
    await Promise.all([mirror?.close(), tamperedMirror?.close()]);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('npm ci downloads nothing: no install-time script, only start and dev ensure Electron', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts[hook]).toBeUndefined();
    const ensuring = Object.keys(manifest.scripts).filter((name) => manifest.scripts[name]?.includes('scripts/ensure-electron.ts'));
    expect(ensuring.sort()).toEqual(['dev', 'start']);
    expect(manifest.scripts.start).toMatch(/^tsx scripts\/ensure-electron\.ts && electron-vite preview$/);
    expect(manifest.scripts.dev).toMatch(/^tsx scripts\/ensure-electron\.ts && electron-vite dev$/);
    expect(manifest.scripts.build).not.toContain('ensure-electron');
  });

  describe('npm start', () => {
    let checkout: Checkout;
    beforeAll(() => {
      checkout = freshCheckout('start');
    });

    it(
      'refuses a build whose checksum does not match, says what to do, and launches nothing',
      async () => {
        const run = await runNpmScript(checkout.root, ['start'], environmentFor(checkout, tamperedMirror), RUN_TIMEOUT_MS);

        expect(run.timedOut).toBe(false);
        expect(run.code).not.toBe(0);
        expect(tamperedMirror.requests).toEqual(expect.arrayContaining([zipPath, shasumsPath]));
        expect(run.output).toContain(`Could not get Electron ${version} (${zipName})`);
        expect(run.output).toContain('did not match expected checksum');
        expect(run.output).toContain("does not match its checksum in the mirror's SHASUMS256.txt");
        expect(run.output).toContain(`from: ${tamperedMirror.url}`);
        expect(run.output).toMatch(/ELECTRON_MIRROR=\S+ npm start/);
        expect(run.output).toContain('electron_config_cache');
        expect(existsSync(path.join(checkout.root, 'node_modules/electron/path.txt'))).toBe(false);
        expect(existsSync(path.join(checkout.root, 'out'))).toBe(false); // electron-vite never ran
        expect(launches(checkout)).toEqual([]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'downloads the build through the mirror with progress, installs it and launches it on the built app',
      async () => {
        const startedAt = Date.now();
        const run = await runNpmScript(checkout.root, ['start'], environmentFor(checkout, mirror), RUN_TIMEOUT_MS);

        expect(run.timedOut, run.output).toBe(false);
        expect(run.code, run.output).toBe(0);
        expect(mirror.requests).toEqual([zipPath, shasumsPath]);
        expect(run.output).toContain(`Electron ${version} (${process.platform}-${process.arch}) is not in node_modules/electron yet`);
        const progress = [...run.output.matchAll(new RegExp(`Downloading ${zipName.replaceAll('.', '\\.')}: (\\d+)%`, 'g'))].map((m) => Number(m[1]));
        expect(progress.length).toBeGreaterThanOrEqual(3);
        expect(progress.at(-1)).toBe(100);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
        expect(readFileSync(path.join(checkout.root, 'node_modules/electron/path.txt'), 'utf8')).toBe(platformPath);
        expect(readFileSync(path.join(checkout.root, 'node_modules/electron/dist/version'), 'utf8')).toBe(version);
        expect(existsSync(path.join(repoRoot, 'node_modules/electron/path.txt'))).toBe(false); // the original is untouched

        const [launch, ...more] = launches(checkout);
        expect(more).toEqual([]);
        expect(launch?.rendererUrl).toBeNull();
        expectLaunchedOnBuiltApp(checkout, launch, startedAt);
      },
      TEST_TIMEOUT_MS,
    );

    it('once installed, returns at once without asking the mirror', async () => {
      const requestsBefore = mirror.requests.length;
      const run = await runNpmScript(checkout.root, ['exec', '--', 'tsx', 'scripts/ensure-electron.ts'], environmentFor(checkout, mirror), 60_000);

      expect(run.code, run.output).toBe(0);
      expect(run.output).not.toContain('Downloading');
      expect(mirror.requests.length).toBe(requestsBefore);
    }, 90_000);
  });

  describe('npm run dev', () => {
    it(
      'downloads the build and launches it on the dev build with ELECTRON_RENDERER_URL pointing at a live Vite server',
      async () => {
        const checkout = freshCheckout('dev');
        const requestsBefore = mirror.requests.length;
        const startedAt = Date.now();
        const run = await runNpmScript(checkout.root, ['run', 'dev'], environmentFor(checkout, mirror), RUN_TIMEOUT_MS);

        expect(run.timedOut, run.output).toBe(false);
        expect(run.code, run.output).toBe(0); // electron-vite dev exits with Electron's code: the stand-in exited 0
        expect(mirror.requests.slice(requestsBefore)).toEqual([zipPath, shasumsPath]);
        expect(run.output).toMatch(new RegExp(`Downloading ${zipName.replaceAll('.', '\\.')}: 100%`));
        expect(readFileSync(path.join(checkout.root, 'node_modules/electron/path.txt'), 'utf8')).toBe(platformPath);

        const [launch, ...more] = launches(checkout);
        expect(more).toEqual([]);
        expectLaunchedOnBuiltApp(checkout, launch, startedAt);
        expect(launch?.rendererUrl).toMatch(/^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+\/?$/);
        expect(launch?.renderer).toMatchObject({ status: 200 });
        const body = launch?.renderer && 'body' in launch.renderer ? launch.renderer.body : '';
        expect(body).toContain('<title>Droplink</title>');
        expect(body).toContain('/@vite/client'); // served by Vite's dev server, not the built files
      },
      TEST_TIMEOUT_MS,
    );
  });
});
