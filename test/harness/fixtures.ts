/**
 * Playwright fixtures for the desktop harness: `server`, `createUser`, `launchDesktop`.
 * See test/harness/README.md for the API; it is shared with the renderer's chat specs.
 */
import { test as base, expect } from '@playwright/test';
import { AuthResponseSchema, CLIENT_SECRET_HEADER } from '../../common/protocol';
import { http, register, uniqueName, DEFAULT_PASSWORD } from '../support/protocol-client';
import { DesktopDriver, type LaunchOptions, type TestUser } from './desktop-driver';
import { startHarnessServer, type HarnessServer } from './harness-server';

export { expect };
export type { DesktopDriver, HarnessServer };

export interface HarnessFixtures {
  /** Option: run `server` as the app's local server (client secret, Host check) and give it to the app's local server port. */
  serverAsLocal: boolean;
  /** Option: more environment for `server` (e.g. `LINK_PREVIEW_ALLOW`); a spec may derive it from a fixture of its own. */
  serverEnv: Readonly<Record<string, string>>;
  server: HarnessServer;
  createUser: (prefix?: string, opts?: { displayName?: string }) => Promise<TestUser>;
  launchDesktop: (options: LaunchOptions) => Promise<DesktopDriver>;
}

async function registerWithClientSecret(server: HarnessServer, clientSecret: string, body: { username: string; password: string; displayName: string }) {
  const res = await http(server, 'POST', '/api/auth/register', { json: body, headers: { [CLIENT_SECRET_HEADER]: clientSecret } });
  if (res.status !== 201) throw new Error(`register ${body.username} failed: ${res.status} ${res.text}`);
  const { user, token } = AuthResponseSchema.parse(res.body);
  return { user, token, username: user.username };
}

export const test = base.extend<HarnessFixtures>({
  serverAsLocal: [false, { option: true }],
  serverEnv: [{}, { option: true }],

  server: async ({ serverAsLocal, serverEnv }, use) => {
    const server = await startHarnessServer({ asLocalServer: serverAsLocal, env: serverEnv });
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },

  createUser: async ({ server }, use) => {
    await use(async (prefix = 'u', opts = {}) => {
      const username = uniqueName(prefix);
      const displayName = opts.displayName ?? `${prefix.charAt(0).toUpperCase()}${prefix.slice(1)}`;
      const registered = server.clientSecret
        ? await registerWithClientSecret(server, server.clientSecret, { username, password: DEFAULT_PASSWORD, displayName })
        : await register(server, username, { password: DEFAULT_PASSWORD, displayName });
      return { id: registered.user.id, username: registered.username, password: DEFAULT_PASSWORD, displayName, token: registered.token };
    });
  },

  launchDesktop: async ({ browser, server }, use, testInfo) => {
    const launched: DesktopDriver[] = [];
    try {
      await use(async (options) => {
        const localServer = server.clientSecret ? { url: server.url, clientSecret: server.clientSecret } : undefined;
        const driver = await DesktopDriver.launch({ browser, profilesDir: testInfo.outputPath('profiles'), serverUrl: server.url, localServer }, options);
        launched.push(driver);
        return driver;
      });
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const driver of launched) {
          await testInfo.attach(`${driver.profile}-main-log`, { body: driver.log.lines.join('\n'), contentType: 'text/plain' });
          await driver.page?.screenshot({ path: testInfo.outputPath(`${driver.profile}-failure.png`) }).catch(() => undefined);
        }
      }
      for (const driver of launched) await driver.close().catch(() => undefined);
    }
  },
});
