import path from 'node:path';
import type { OutboxStore } from '../ports';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** The outbox as `outbox/<userId>.json` in the profile directory (used by the app and the harness alike). */
export function fileOutboxStore(profileDir: string): OutboxStore {
  const fileFor = (userId: string): string => path.join(profileDir, 'outbox', `${userId.replace(/[^A-Za-z0-9-]/g, '_')}.json`);
  return {
    load: (userId) => readJsonFile(fileFor(userId)),
    save: (userId, items) => writeJsonFileAtomic(fileFor(userId), items),
  };
}
