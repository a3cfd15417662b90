import { readFile, rm, writeFile } from 'node:fs/promises';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: a second server on the same directory would
 * corrupt it. The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
export async function lockPgliteDirectory(lockFile: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
      throw new Error(
        `the embedded database in ${lockFile.replace(/\.lock$/, '')} is in use by ${owner === process.pid ? 'another server in this process' : `process ${owner}`}; set DATABASE_URL to run several servers`,
      );
    }
    await rm(lockFile, { force: true });
  }
  throw new Error(`could not lock ${lockFile}`);
}
