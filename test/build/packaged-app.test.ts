import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractAll, extractFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { imageSize } from 'image-size';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, AuthResponseSchema, AVATAR_SIZE_PX, CLIENT_SECRET_HEADER, HealthResponseSchema, MeResponseSchema } from '../../common/protocol';
import { makePng } from '../support/files';
import { indexAsar, type AsarFile } from './support/asar-index';
import { localServerEnv } from '../../main/services/local-server-env';
import { traceLoadClosure } from './support/load-closure';
import { packageLinuxDir, type PackagedApp } from './support/package-app';
import { formatPackagedSize, measurePackagedSize } from './support/packaged-size';
import { startPackedLocalServer, type RunningLocalServer } from './support/start-packed-local-server';
import { fuseByte, makeStandInElectronDist, STOCK_FUSES } from './support/stand-in-electron-dist';

const root = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { name: string; version: string };
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };

/** The entry points Electron and main load: main, the preload, the window, the local server's utility process. */
const ENTRIES = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/main/local-server.js'];

/** The shipped app's fuses (issue 7): no Node mode, no NODE_OPTIONS or --inspect, only the verified app.asar, encrypted cookies, plain file:. */
const HARDENED_FUSES: Record<FuseV1Options, boolean> = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};
const FUSES = Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number');
/** electron-builder's `electronFuses` key for a fuse: RunAsNode -> runAsNode. */
const configKey = (fuse: FuseV1Options): string => FuseV1Options[fuse].replace(/^./, (c) => c.toLowerCase());

/** Packaging a hundred megabytes on a shared machine takes a while; the budget is generous but bounded. */
const PACKAGE_TIMEOUT_MS = 240_000;
const SERVER_START_TIMEOUT_MS = 60_000;

describe('the installed app (electron-builder --dir --linux on out/, stand-in Electron)', () => {
  let work: string;
  let app: PackagedApp;
  let archive: string;
  let files: Map<string, AsarFile>;

  beforeAll(async () => {
    if (!ENTRIES.every((entry) => existsSync(path.join(root, entry)))) {
      throw new Error(`out/ is missing or incomplete (need ${ENTRIES.join(', ')}): run \`npm run build\` first (npm test does)`);
    }
    work = mkdtempSync(path.join(os.tmpdir(), 'droplink-packaged-'));
    const electronVersion = readJson('node_modules/electron/package.json').version;
    const dist = makeStandInElectronDist(path.join(work, 'electron-dist'), electronVersion);
    app = await packageLinuxDir(root, dist, path.join(work, 'dist'), readJson('package.json').name.toLowerCase());
    archive = path.join(app.resourcesDir, 'app.asar');
    files = indexAsar(archive);
  }, PACKAGE_TIMEOUT_MS);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('electron-builder.yml sets every fuse to its hardened value', () => {
    expect(config.electronFuses).toEqual(Object.fromEntries(FUSES.map((fuse) => [configKey(fuse), HARDENED_FUSES[fuse]])));
  });

  it('the packaged executable carries the hardened fuse wire (read back with @electron/fuses)', async () => {
    const wire = await getCurrentFuseWire(app.executable);
    const actual = Object.fromEntries(FUSES.map((fuse) => [FuseV1Options[fuse], wire[fuse]]));
    const expected = Object.fromEntries(FUSES.map((fuse) => [FuseV1Options[fuse], fuseByte(HARDENED_FUSES[fuse])]));
    expect(actual).toEqual(expected);
    const flipped = FUSES.filter((fuse) => STOCK_FUSES[fuse] !== HARDENED_FUSES[fuse]).map((fuse) => FuseV1Options[fuse]);
    expect(flipped).toEqual([
      'RunAsNode',
      'EnableCookieEncryption',
      'EnableNodeOptionsEnvironmentVariable',
      'EnableNodeCliInspectArguments',
      'EnableEmbeddedAsarIntegrityValidation',
      'OnlyLoadAppFromAsar',
      'GrantFileProtocolExtraPrivileges',
    ]);
  });

  it('packs every file main, the preload, the window and the local server load; natives, wasm and data images are real unpacked files', () => {
    // Electron starts the app from app.asar/package.json's main.
    expect(JSON.parse(extractFile(archive, 'package.json').toString('utf8'))).toMatchObject({ main: ENTRIES[0], type: 'module' });
    const closure = traceLoadClosure(archive, files, root, ENTRIES);
    expect(closure.missing).toEqual([]);
    const realFiles = closure.required.filter((r) => r.realFile).map((r) => r.file);
    expect(realFiles).toEqual(
      expect.arrayContaining([
        'node_modules/@electric-sql/pglite/dist/pglite.wasm',
        'node_modules/@electric-sql/pglite/dist/pglite.data',
        'node_modules/@electric-sql/pglite/dist/initdb.wasm',
      ]),
    );
    expect(realFiles.some((file) => new RegExp(`^node_modules/@node-rs/argon2-${process.platform}-${process.arch}[^/]*/[^/]+\\.node$`).test(file))).toBe(true);
    // sharp's binding and the libvips it links (found by the OS loader, so both must be real files).
    expect(realFiles.some((file) => new RegExp(`^node_modules/@img/sharp-${process.platform}(musl)?-${process.arch}/lib/[^/]+\\.node$`).test(file))).toBe(true);
    expect(
      realFiles.some((file) =>
        new RegExp(`^node_modules/@img/sharp-libvips-${process.platform}(musl)?-${process.arch}/lib/libvips-cpp\\.so[.\\d]*$`).test(file),
      ),
    ).toBe(true);
    for (const file of realFiles) {
      expect(files.get(file)?.unpacked, `${file} is unpacked`).toBe(true);
      expect(existsSync(path.join(app.resourcesDir, 'app.asar.unpacked', file)), `${file} is in app.asar.unpacked`).toBe(true);
    }
    // Every asar entry marked unpacked really is there.
    for (const [file, { unpacked }] of files) if (unpacked) expect(existsSync(path.join(app.resourcesDir, 'app.asar.unpacked', file)), file).toBe(true);
    // Tray and badge icons main reads from process.resourcesPath/resources.
    const icons = readdirSync(path.join(app.resourcesDir, 'resources'));
    for (const name of ['tray.png', 'trayUnread.png', 'trayTemplate.png', 'trayTemplate@2x.png', 'trayUnreadTemplate.png', 'badge-1.png', 'badge-9plus.png'])
      expect(icons).toContain(name);
  });

  it('ships only what runs: the build output, package.json and production node_modules, without source maps, TypeScript or docs', () => {
    const topLevel = new Set([...files.keys()].map((file) => file.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const unwanted = [...files.keys()].filter((file) => /\.(map|[cm]?ts|md)$|^node_modules\/(electron|vitest|react|vite|typescript)\//.test(file));
    expect(unwanted).toEqual([]);
  });

  it('stays within its size budget (figures printed)', () => {
    const size = measurePackagedSize(app.resourcesDir, files);
    console.log(`packaged Droplink (${process.platform}-${process.arch}): ${formatPackagedSize(size)}`);
    expect(size.asarBytes).toBeLessThan(24 * 1024 * 1024);
    // libvips (sharp's image library, 18 MiB on Linux x64) is most of what is unpacked.
    expect(size.unpackedBytes).toBeLessThan(40 * 1024 * 1024);
  });

  describe('the local server from the packed layout, started like utilityProcess.fork', () => {
    let server: RunningLocalServer | undefined;
    let appCopy: string;
    let dataDir: string;
    const USER = { username: 'installed.user', password: 'correct horse battery', displayName: 'Installed User' };
    const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
    /** With the environment main gives it (main/services/local-server-env.ts) and a new secret, as at each launch. */
    const launch = async (): Promise<{ server: RunningLocalServer; clientSecret: string }> => {
      const clientSecret = randomBytes(32).toString('base64url');
      const env = localServerEnv({ dataDir, clientSecret, logLevel: 'warn', platform: process.platform, parentEnv: process.env });
      const started = await startPackedLocalServer(path.join(appCopy, 'out/main/local-server.js'), dataDir, env, SERVER_START_TIMEOUT_MS);
      return { server: started, clientSecret };
    };
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    let clientSecret: string;
    beforeAll(async () => {
      appCopy = path.join(work, 'installed-app');
      extractAll(archive, appCopy);
      // main's <userData>/local-server: the server's DATA_DIR and its working directory.
      dataDir = path.join(work, 'profile', 'local-server');
      mkdirSync(dataDir, { recursive: true });
      ({ server, clientSecret } = await launch());
    }, SERVER_START_TIMEOUT_MS + 30_000);

    afterAll(async () => {
      await server?.stop();
    });

    it('answers /api/health on the embedded database', async () => {
      const response = await fetch(`${server!.url}${API_PATHS.health}`);
      expect(response.status).toBe(200);
      expect(HealthResponseSchema.parse(await response.json())).toMatchObject({ status: 'ok', storage: 'pglite', version: readJson('package.json').version });
    });

    it('registers a user (argon2 hash, PGlite write) and keeps its data in the profile, not in the app', async () => {
      const before = listing(appCopy);
      // The secret in its environment is in force: without it, no account.
      expect((await post(`${server!.url}${API_PATHS.register}`, USER)).status).toBe(403);
      const response = await post(`${server!.url}${API_PATHS.register}`, USER, { [CLIENT_SECRET_HEADER]: clientSecret });
      expect(response.status, server!.output()).toBe(201);
      expect(AuthResponseSchema.parse(await response.json()).user).toMatchObject({ username: USER.username, displayName: USER.displayName });
      expect(existsSync(path.join(dataDir, 'db'))).toBe(true);
      expect(listing(appCopy)).toEqual(before);
    });

    it('resizes an avatar with sharp loaded from the packed layout: a PNG in, a 256x256 webp out', async () => {
      const login = await post(
        `${server!.url}${API_PATHS.login}`,
        { username: USER.username, password: USER.password },
        { [CLIENT_SECRET_HEADER]: clientSecret },
      );
      expect(login.status, server!.output()).toBe(200);
      const { token } = AuthResponseSchema.parse(await login.json());
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(makePng(300, 200))], { type: 'image/png' }), 'me.png');
      const upload = await fetch(`${server!.url}${API_PATHS.myAvatar}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(upload.status, server!.output()).toBe(200);
      const { avatarUrl } = MeResponseSchema.parse(await upload.json()).user;
      const served = await fetch(`${server!.url}${avatarUrl}`, { headers: { authorization: `Bearer ${token}` } });
      expect(served.headers.get('content-type')).toBe('image/webp');
      expect(imageSize(new Uint8Array(await served.arrayBuffer()))).toMatchObject({ type: 'webp', width: AVATAR_SIZE_PX, height: AVATAR_SIZE_PX });
    });

    it(
      'stops cleanly when main asks, and the next launch (new secret) opens the same database: the user signs in',
      async () => {
        expect(await server!.stop(), server!.output()).toBe(0);
        ({ server, clientSecret } = await launch());
        const response = await post(
          `${server.url}${API_PATHS.login}`,
          { username: USER.username, password: USER.password },
          { [CLIENT_SECRET_HEADER]: clientSecret },
        );
        expect(response.status, server.output()).toBe(200);
        expect(AuthResponseSchema.parse(await response.json()).user.username).toBe(USER.username);
      },
      SERVER_START_TIMEOUT_MS + 30_000,
    );
  });
});
