/** The server's LOG_LEVEL values that make sense for the app's own server (its config validates them). */
export type LocalServerLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LocalServerEnvInput {
  dataDir: string;
  clientSecret: string;
  logLevel: LocalServerLogLevel;
  platform: NodeJS.Platform;
  /** Main's own environment: only the OS variables listed below are taken from it. */
  parentEnv: Readonly<Record<string, string | undefined>>;
}

/**
 * OS variables the server's process cannot do without. Windows: Winsock and the crypto
 * provider need SystemRoot, os.tmpdir() reads TEMP/TMP. macOS and Linux: os.tmpdir() reads
 * TMPDIR (a per-user folder on macOS). PGlite reads no environment (its WebAssembly Postgres
 * gets its own), and argon2's loader detects the platform without any.
 */
const OS_VARIABLES: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  win32: ['SystemRoot', 'windir', 'TEMP', 'TMP'],
  darwin: ['TMPDIR'],
  linux: ['TMPDIR'],
};

/** Windows environment names are case-insensitive; a copied environment may spell them either way. */
function lookup(env: LocalServerEnvInput['parentEnv'], name: string, caseInsensitive: boolean): string | undefined {
  if (!caseInsensitive) return env[name];
  const key = Object.keys(env).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : env[key];
}

/**
 * The complete environment of the local server's process. Nothing else is inherited, so an
 * exported DATABASE_URL, REDIS_URL, JWT_SECRET or NODE_OPTIONS cannot redirect or weaken it.
 */
export function localServerEnv(input: LocalServerEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of OS_VARIABLES[input.platform] ?? []) {
    const value = lookup(input.parentEnv, name, input.platform === 'win32');
    if (value) env[name] = value;
  }
  return {
    ...env,
    NODE_ENV: 'production',
    DATA_DIR: input.dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: input.logLevel,
    CLIENT_SECRET: input.clientSecret,
    ALLOWED_HOSTS: 'self',
  };
}
