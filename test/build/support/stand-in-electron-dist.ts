import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';

/** The marker @electron/fuses looks for in an Electron executable; the fuse wire follows it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;
/** A fuse's byte in the wire: ASCII '1' on, '0' off (@electron/fuses' FuseState). */
export const fuseByte = (on: boolean): number => (on ? 0x31 : 0x30);

/** What a stock Electron build ships with (https://www.electronjs.org/docs/latest/tutorial/fuses). */
export const STOCK_FUSES: Record<FuseV1Options, boolean> = {
  [FuseV1Options.RunAsNode]: true,
  [FuseV1Options.EnableCookieEncryption]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: true,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
};

/**
 * A stand-in for an unpacked Linux Electron distribution, laid out the way electron-builder's
 * `electronDist` expects it: the `electron` executable (which it renames to the app's name and
 * whose fuse wire it flips), `resources/`, `locales/`, `chrome-sandbox`, `LICENSE` and `version`.
 * The executable is a shell script carrying a stock fuse wire, since no real Electron binary can
 * be downloaded where the tests run.
 */
export function makeStandInElectronDist(dir: string, electronVersion: string): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const fuses = Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number');
  const wire = Buffer.from([FUSE_WIRE_VERSION, fuses.length, ...fuses.map((fuse) => fuseByte(STOCK_FUSES[fuse]))]);
  const executable = path.join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([Buffer.from(`#!/bin/sh\n# stand-in Electron ${electronVersion}; fuse wire: ${FUSE_SENTINEL}`), wire, Buffer.from('\nexit 0\n')]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'chrome-sandbox'), '');
  writeFileSync(path.join(dir, 'locales/en-US.pak'), '');
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in for the Electron license\n');
  writeFileSync(path.join(dir, 'version'), `${electronVersion}\n`);
  return dir;
}
