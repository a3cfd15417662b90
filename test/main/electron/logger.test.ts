import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// electron-log keeps the console functions it found when it loaded, so they are replaced first.
const terminal = vi.hoisted(() => {
  const lines: { level: string; args: unknown[] }[] = [];
  console.info = (...args: unknown[]) => void lines.push({ level: 'info', args });
  console.warn = (...args: unknown[]) => void lines.push({ level: 'warn', args });
  return lines;
});
const { fileLogger, MAIN_LOG_FILE } = await import('../../../main/electron/logger');

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWJ5dGVz';
let logsDir: string;

beforeEach(async () => {
  logsDir = await mkdtemp(path.join(os.tmpdir(), 'droplink-logs-'));
});
afterEach(async () => {
  terminal.length = 0;
  await rm(logsDir, { recursive: true, force: true });
});

describe('fileLogger (electron-log)', () => {
  it('writes every level to main.log in the logs folder, readable by the user only', async () => {
    const log = fileLogger({ logsDir, console: false });
    log.info('started', { profile: 'work' });
    log.warn('slow start');
    log.error('failed', new Error('boom'));
    expect(log.file).toBe(path.join(logsDir, MAIN_LOG_FILE));
    const text = await readFile(log.file, 'utf8');
    expect(text).toMatch(/\[info\]\s+started \{ profile: 'work' \}/);
    expect(text).toMatch(/\[warn\]\s+slow start/);
    expect(text).toMatch(/\[error\]\s+failed Error: boom/);
    if (process.platform !== 'win32') expect((await stat(log.file)).mode & 0o077).toBe(0);
  });

  it('never writes secrets: tokens under any key, bearer headers and JWTs in text and errors', async () => {
    const log = fileLogger({ logsDir, console: false });
    log.info('session saved', { serverUrl: 'https://chat.example', token: 'plain-token-value', user: { username: 'alice' } });
    log.warn(`request failed: Authorization: Bearer ${JWT}`);
    log.error('login failed', new Error(`server said: invalid token ${JWT}`), { password: 'hunter2' });
    const text = await readFile(log.file, 'utf8');
    for (const secret of ['plain-token-value', JWT, 'hunter2']) expect(text).not.toContain(secret);
    expect(text).toContain('https://chat.example');
    expect(text).toContain('alice');
    expect(text).toContain('[redacted]');
  });

  it('rotates the file once it passes the size limit, keeping one old file', async () => {
    const log = fileLogger({ logsDir, console: false, maxBytes: 2_000 });
    for (let i = 0; i < 100; i += 1) log.info(`line ${i} ${'x'.repeat(60)}`);
    expect((await readdir(logsDir)).sort()).toEqual(['main.log', 'main.old.log']);
    expect((await stat(path.join(logsDir, 'main.log'))).size).toBeLessThanOrEqual(2_000 + 200);
    expect(await readFile(path.join(logsDir, 'main.log'), 'utf8')).toContain('line 99 ');
    expect(await readFile(path.join(logsDir, 'main.old.log'), 'utf8')).not.toContain('line 99 ');
  });

  it('prints to the terminal only when asked (development runs), redacted too', () => {
    fileLogger({ logsDir, console: false, fileName: 'quiet.log' }).warn('not on the terminal');
    expect(terminal).toEqual([]);
    fileLogger({ logsDir, console: true, fileName: 'loud.log' }).info('on the terminal', { token: 'tok-1' });
    expect(terminal.map((line) => line.level)).toEqual(['info']);
    expect(JSON.stringify(terminal)).toContain('on the terminal');
    expect(JSON.stringify(terminal)).not.toContain('tok-1');
  });
});
