import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

let counter = 0;
const tempPathFor = (file: string): string => `${file}.${process.pid}.${(counter += 1)}.tmp`;

/** Reads a JSON file; undefined when it does not exist, throws when it is not JSON. */
export async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes a file atomically (temp file + rename): a crash leaves the old or the new file, never half of one. */
async function writeFileAtomic(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  await writeFile(temp, data, { encoding: 'utf8', mode: 0o600 });
  await rename(temp, file);
}

export const writeJsonFileAtomic = (file: string, value: unknown): Promise<void> => writeFileAtomic(file, JSON.stringify(value, null, 2));

export function readJsonFileSync(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function writeJsonFileAtomicSync(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  writeFileSync(temp, JSON.stringify(value, null, 2), { encoding: 'utf8', mode: 0o600 });
  renameSync(temp, file);
}
