import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRotatingLogFile, previousLogPath } from '../../../main/services/rotating-log-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'droplink-rotating-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string): string => readFileSync(file, 'utf8');

describe('openRotatingLogFile', () => {
  it('names the previous file like electron-log does', () => {
    expect(previousLogPath(path.join('logs', 'local-server.log'))).toBe(path.join('logs', 'local-server.old.log'));
  });

  it('creates the logs folder and appends to what an earlier run wrote', () => {
    const file = path.join(dir, 'logs', 'local-server.log');
    const first = openRotatingLogFile(file);
    first.write('one\n');
    first.close();
    const second = openRotatingLogFile(file);
    second.write(Buffer.from('two\n'));
    second.close();
    expect(read(file)).toBe('one\ntwo\n');
  });

  it('moves the file aside when a write would cross the limit, keeping exactly one previous file', () => {
    const file = path.join(dir, 'server.log');
    const log = openRotatingLogFile(file, { maxBytes: 10 });
    log.write('aaaaaa\n'); // 7
    log.write('bbbbbb\n'); // would be 14: rotate first
    expect(read(file)).toBe('bbbbbb\n');
    expect(read(previousLogPath(file))).toBe('aaaaaa\n');
    log.write('cc\n'); // 10: fits
    log.write('dddddd\n'); // rotate again: the oldest is gone
    log.close();
    expect(read(file)).toBe('dddddd\n');
    expect(read(previousLogPath(file))).toBe('bbbbbb\ncc\n');
  });

  it('starts a new file at once when the one left over is already full', () => {
    const file = path.join(dir, 'server.log');
    writeFileSync(file, 'x'.repeat(20));
    const log = openRotatingLogFile(file, { maxBytes: 10 });
    log.write('new\n');
    log.close();
    expect(read(file)).toBe('new\n');
    expect(read(previousLogPath(file))).toBe('x'.repeat(20));
  });

  it('writes a chunk larger than the limit whole into a fresh file rather than looping', () => {
    const file = path.join(dir, 'server.log');
    const log = openRotatingLogFile(file, { maxBytes: 4 });
    log.write('0123456789');
    log.close();
    expect(read(file)).toBe('0123456789');
    expect(existsSync(previousLogPath(file))).toBe(false);
  });

  it('never throws into the caller when the folder cannot be made; reports once and stops', () => {
    // A regular file where the logs folder should be: even root cannot create it.
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const errors: unknown[] = [];
    const log = openRotatingLogFile(path.join(blocker, 'logs', 'server.log'), { onError: (err) => errors.push(err) });
    expect(() => log.write('lost\n')).not.toThrow();
    log.close();
    expect(errors).toHaveLength(1);
  });

  it('reports a failure during writing once (the file is a folder after rotation)', () => {
    const file = path.join(dir, 'server.log');
    const errors: unknown[] = [];
    const log = openRotatingLogFile(file, { maxBytes: 5, onError: (err) => errors.push(err) });
    log.write('1234\n');
    // The previous file's name is taken by a folder that is not empty: the rename must fail.
    mkdirSync(path.join(previousLogPath(file), 'x'), { recursive: true });
    expect(() => log.write('more\n')).not.toThrow();
    expect(() => log.write('and more\n')).not.toThrow();
    log.close();
    expect(errors).toHaveLength(1);
    expect(read(file)).toBe('1234\n');
  });
});
