import { defineConfig } from '@playwright/test';

/** Debian's Chromium: the harness never downloads browsers. */
export const CHROMIUM_PATH = process.env.DROPLINK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
  },
  projects: [
    {
      // The real renderer + preload + main services in Chromium, Electron substituted (test/harness).
      name: 'harness',
      testIgnore: ['**/electron/**'],
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
    {
      // The packaged-like app (out/main/index.js) in the real Electron binary, when there is one.
      name: 'electron',
      testMatch: ['electron/**/*.spec.ts'],
    },
  ],
});
