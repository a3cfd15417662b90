import { BridgeError } from '../../bridge/bridge-error';

export type AuthMode = 'sign-in' | 'register';

const UNREACHABLE =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|fetch failed|network|unreachable|timed out|could not connect|cannot reach|can't reach/i;

const sentence = (text: string): string => {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** What to tell the user when signing in or registering failed. */
export function describeAuthError(error: unknown, mode: AuthMode, serverUrl: string): string {
  const where = serverUrl.trim() ? ` at ${serverUrl.trim()}` : '';
  if (!(error instanceof BridgeError)) return 'Something went wrong. Please try again.';
  if (UNREACHABLE.test(error.message)) return `Can't reach the Droplink server${where}. Check the address and your connection.`;
  switch (error.code) {
    case 'unauthorized':
      return mode === 'sign-in' ? 'Wrong username or password.' : sentence(error.message);
    case 'conflict':
      return 'That username is already taken. Please choose another.';
    case 'rate_limited':
      return 'Too many attempts. Please wait a minute and try again.';
    default:
      return sentence(error.message) || 'Something went wrong. Please try again.';
  }
}

export function validateCredentials(mode: AuthMode, username: string, password: string): string | null {
  if (!username.trim()) return 'Enter your username.';
  if (!password) return 'Enter your password.';
  if (mode === 'register') {
    if (!/^[a-z0-9_.-]{3,32}$/i.test(username.trim())) return 'Usernames are 3–32 letters, digits, dots, dashes or underscores.';
    if (password.length < 8) return 'Passwords need at least 8 characters.';
  }
  return null;
}
