import path from 'node:path';
import { chromium } from 'playwright-core';
const url = process.argv[2]!;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
await context.addInitScript({ path: path.resolve('bench/renderer/bridge-double.js') });
const page = await context.newPage();
await page.goto(url);
await page.getByRole('heading', { level: 1, name: 'announcements' }).waitFor();
await page.waitForTimeout(300);
const r = await page.evaluate(`new Promise((resolve) => {
  const marks = {};
  const button = [...document.querySelectorAll('nav[aria-label="Rooms"] button')].find((b) => (b.getAttribute('aria-label') || '').startsWith('archive'));
  const t0 = performance.now();
  const origInvoke = window.droplink.invoke;
  window.droplink.invoke = (n, a) => { marks['invoke:' + n] ??= performance.now() - t0; return origInvoke(n, a).then((v) => { marks['done:' + n] ??= performance.now() - t0; return v; }); };
  button.click();
  marks.clickReturned = performance.now() - t0;
  let frames = 0;
  const check = () => {
    frames++;
    const now = performance.now() - t0;
    if (!marks.spinner && document.querySelector('.message-list--loading')) marks.spinner = now;
    if (!marks.log && document.querySelector('[role=log]')) marks.log = now;
    const row = document.querySelector('.message-row[data-seq="100000"]');
    if (row && !marks.rowInDom) marks.rowInDom = now;
    const box = row && row.getBoundingClientRect();
    if (box && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight) { marks.visible = now; marks.frames = frames; resolve(marks); }
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`);
console.log(JSON.stringify(r, null, 1));
await browser.close();
