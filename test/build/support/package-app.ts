import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ARCH_FLAGS: Partial<Record<NodeJS.Architecture, string>> = { x64: '--x64', arm64: '--arm64', arm: '--armv7l', ia32: '--ia32' };

/** Where `electron-builder --dir --linux` put the app, and what it said. */
export interface PackagedApp {
  appDir: string;
  executable: string;
  resourcesDir: string;
  log: string;
}

/**
 * Runs the real electron-builder on the already-built out/ of `projectDir` with the project's
 * electron-builder.yml, an Electron distribution from `electronDist` and output in `outputDir`:
 * an unpacked Linux app (`--dir`), no signing, no publishing.
 */
export async function packageLinuxDir(projectDir: string, electronDist: string, outputDir: string, executableName: string): Promise<PackagedApp> {
  const archFlag = ARCH_FLAGS[process.arch];
  if (!archFlag) throw new Error(`electron-builder cannot package for ${process.arch}`);
  const builder = path.join(projectDir, 'node_modules/.bin/electron-builder');
  const args = ['--dir', '--linux', archFlag, '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${outputDir}`];
  const { stdout, stderr } = await run(builder, args, {
    cwd: projectDir,
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 180_000,
  }).catch((err: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`electron-builder failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  });
  const unpacked = readdirSync(outputDir).find((name) => name.startsWith('linux') && name.endsWith('-unpacked'));
  if (!unpacked) throw new Error(`electron-builder made no linux-*-unpacked directory in ${outputDir}:\n${stdout}\n${stderr}`);
  const appDir = path.join(outputDir, unpacked);
  return { appDir, executable: path.join(appDir, executableName), resourcesDir: path.join(appDir, 'resources'), log: `${stdout}\n${stderr}` };
}
