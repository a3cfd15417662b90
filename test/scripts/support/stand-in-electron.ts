import { buffer } from 'node:stream/consumers';
import { ZipFile } from 'yazl';

/** Where each stand-in launch writes what it was started with (path in this environment variable). */
export const RECORD_ENV = 'STAND_IN_ELECTRON_RECORD';

export interface StandInLaunch {
  argv: string[];
  cwd: string;
  rendererUrl: string | null;
  /** what the stand-in got from ELECTRON_RENDERER_URL, when set */
  renderer: { status: number; body: string } | { error: string } | null;
}

/**
 * The executable of the stand-in build: a Node script (run through its shebang) that records
 * its arguments, working directory and ELECTRON_RENDERER_URL, fetches that URL while the dev
 * server is still up, and exits 0 like an app the user closed.
 */
const STAND_IN_EXECUTABLE = `#!/usr/bin/env node
const fs = require('node:fs');
const record = { argv: process.argv.slice(2), cwd: process.cwd(), rendererUrl: process.env.ELECTRON_RENDERER_URL ?? null, renderer: null };
(async () => {
  if (record.rendererUrl) {
    try {
      const response = await fetch(record.rendererUrl);
      record.renderer = { status: response.status, body: await response.text() };
    } catch (error) {
      record.renderer = { error: String(error) };
    }
  }
  fs.appendFileSync(process.env.${RECORD_ENV}, JSON.stringify(record) + '\\n');
})();
`;

/**
 * A zip laid out like Electron's release zip for this platform: the executable at `platformPath`,
 * `version`, and a few MB of stored (uncompressed) filler so the download has progress to show.
 */
export async function makeStandInElectronZip(version: string, platformPath: string): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(STAND_IN_EXECUTABLE), platformPath, { mode: 0o100755 });
  zip.addBuffer(Buffer.from(version), 'version');
  zip.addBuffer(fillerBytes(3 * 1024 * 1024), 'resources.pak', { compress: false });
  zip.end();
  return buffer(zip.outputStream);
}

function fillerBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7919) & 0xff;
  return bytes;
}
