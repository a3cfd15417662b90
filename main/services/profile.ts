const DEFAULT_PROFILE = 'default';
const PROFILE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The profile this launch runs as: `--profile=NAME` wins over `DROPLINK_PROFILE`. Each profile
 * has its own user data directory, so QA can run two users side by side.
 */
export function resolveProfile(argv: readonly string[], env: Record<string, string | undefined>): string {
  const flag = argv.find((arg) => arg.startsWith('--profile='))?.slice('--profile='.length);
  const name = flag ?? env.DROPLINK_PROFILE ?? DEFAULT_PROFILE;
  if (!PROFILE_PATTERN.test(name)) throw new Error(`invalid profile name "${name}": use 1-32 of A-Z a-z 0-9 _ -`);
  return name;
}

/** The user data directory name for a profile (the default profile keeps the plain app name). */
export const userDataDirName = (productName: string, profile: string): string => (profile === DEFAULT_PROFILE ? productName : `${productName}-${profile}`);
