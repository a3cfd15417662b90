import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinary } from './electron-binary';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const binary = electronBinary();

let app: ElectronApplication | undefined;
let home: string | undefined;

test.beforeEach(async () => {
  test.skip('missing' in binary, `Electron binary not available: ${'missing' in binary ? binary.missing : ''}`);
  if (!('path' in binary)) return;
  home = await mkdtemp(path.join(os.tmpdir(), 'droplink-electron-'));
  app = await electron.launch({
    executablePath: binary.path,
    args: [path.join(repoRoot, 'out/main/index.js'), '--profile=e2e'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, APPDATA: home },
  });
});

test.afterEach(async () => {
  await app?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

test('the app opens one locked-down window with the bridge and no Node', async () => {
  const page = await app!.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  expect(page.url()).toBe('app://droplink/index.html');
  const exposed = await page.evaluate(() => ({
    bridge: typeof (window as unknown as { droplink?: { invoke?: unknown } }).droplink?.invoke,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({ bridge: 'function', require: 'undefined', process: 'undefined' });
  // Navigation away from the app and window.open are refused (handled in main/electron/security.ts).
  await page.evaluate(() => window.open('https://example.com'));
  expect(app!.windows()).toHaveLength(1);
  const info = await page.evaluate(() =>
    (window as unknown as { droplink: { invoke(n: string, a: unknown): Promise<unknown> } }).droplink.invoke('app:info', {}),
  );
  expect(info).toMatchObject({ ok: true, value: { profile: 'e2e' } });
});

test('the user data directory is per profile', async () => {
  const userData = await app!.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
  expect(path.basename(userData)).toBe('Droplink-e2e');
});
