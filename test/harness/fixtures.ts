/**
 * Playwright fixtures for the desktop harness: `server`, `createUser`, `launchDesktop`.
 * See test/harness/README.md for the API; it is shared with the renderer's chat specs.
 */
import { test as base, expect } from '@playwright/test';
import { register, uniqueName, DEFAULT_PASSWORD } from '../support/protocol-client';
import { DesktopDriver, type LaunchOptions, type TestUser } from './desktop-driver';
import { startHarnessServer, type HarnessServer } from './harness-server';

export { expect };
export type { DesktopDriver, LaunchOptions, TestUser, HarnessServer };

export interface HarnessFixtures {
  server: HarnessServer;
  createUser: (prefix?: string, opts?: { displayName?: string }) => Promise<TestUser>;
  launchDesktop: (options: LaunchOptions) => Promise<DesktopDriver>;
}

export const test = base.extend<HarnessFixtures>({
  server: async ({}, use) => {
    const server = await startHarnessServer();
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
      const registered = await register(server, username, { password: DEFAULT_PASSWORD, displayName });
      return { id: registered.user.id, username: registered.username, password: DEFAULT_PASSWORD, displayName, token: registered.token };
    });
  },

  launchDesktop: async ({ browser, server }, use, testInfo) => {
    const launched: DesktopDriver[] = [];
    try {
      await use(async (options) => {
        const driver = await DesktopDriver.launch({ browser, profilesDir: testInfo.outputPath('profiles'), serverUrl: server.url }, options);
        launched.push(driver);
        return driver;
      });
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const driver of launched) {
          await testInfo.attach(`${driver.profile}-main-log`, { body: driver.log.lines.join('\n'), contentType: 'text/plain' });
          await driver.page
            ?.screenshot({ path: testInfo.outputPath(`${driver.profile}-failure.png`) })
            .catch(() => undefined);
        }
      }
      for (const driver of launched) await driver.close().catch(() => undefined);
    }
  },
});
