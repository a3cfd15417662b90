import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect } from '../../harness/fixtures';

/** test-results/screenshots unless overridden (to keep pictures out of a concurrent run's cleanup). */
const SCREENSHOT_DIR = path.resolve(process.env.DROPLINK_SCREENSHOT_DIR ?? 'test-results/screenshots');

export const composer = (page: Page): Locator => page.getByRole('textbox', { name: 'Message' });
export const roomNav = (page: Page): Locator => page.getByRole('navigation', { name: 'Rooms' });
export const messageLog = (page: Page): Locator => page.getByRole('log', { name: /Messages/ });
/** One message row, found by its text. */
export const messageRow = (page: Page, text: string | RegExp): Locator => messageLog(page).getByRole('article').filter({ hasText: text });

export async function sendFromComposer(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

export async function openRoomFromSidebar(page: Page, name: string): Promise<void> {
  await roomNav(page)
    .getByRole('button', { name: new RegExp(`^${name}\\b`) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let animations settle so the picture shows the resting state.
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Runs axe on the page and fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  expect(serious, report).toEqual([]);
}
