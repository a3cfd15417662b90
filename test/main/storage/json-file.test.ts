import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/ipc';
import { SettingsService } from '../../../main/services/settings-service';
import { readJsonFileSync, writeJsonFileAtomicSync } from '../../../main/storage/json-file';
import { silentLogger } from '../support';

describe('JSON settings file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-settings-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('round-trips atomically and reports a file that is not JSON', async () => {
    const file = path.join(dir, 'settings.json');
    writeJsonFileAtomicSync(file, DEFAULT_SETTINGS);
    expect(readJsonFileSync(file)).toEqual(DEFAULT_SETTINGS);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(DEFAULT_SETTINGS);
    await writeFile(file, '{ not json');
    expect(() => readJsonFileSync(file)).toThrow();
    // The service survives it with defaults.
    const service = new SettingsService({ read: () => readJsonFileSync(file), write: () => undefined }, silentLogger);
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
  });
});
