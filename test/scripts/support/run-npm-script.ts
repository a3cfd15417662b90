import { spawn } from 'node:child_process';

export interface NpmRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

/**
 * Variables from the test runner (vitest, the outer `npm test`) that would change what the
 * command under test does, or which Electron build and mirror it uses.
 */
function isRunnerVariable(name: string): boolean {
  return /^(npm_|ELECTRON_|electron_|VITEST|NODE_OPTIONS$|NODE_ENV$|TEST$|force_no_cache$)/i.test(name);
}

/**
 * Runs `npm <args>` in `cwd` in its own process group with a clean environment plus `env`,
 * collecting stdout and stderr together. The whole group is killed when it ends or after
 * `timeoutMs`, so nothing it started (a dev server, the stand-in) outlives it.
 */
export function runNpmScript(cwd: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<NpmRun> {
  const cleanEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !isRunnerVariable(name)) cleanEnv[name] = value;
  const child = spawn('npm', args, {
    cwd,
    env: { ...cleanEnv, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const killGroup = (): void => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // ESRCH: the group has already gone.
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);

  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Whatever npm leaves behind is killed when it exits; that also closes the pipes they held.
    child.once('exit', killGroup);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, timedOut });
    });
  });
}
