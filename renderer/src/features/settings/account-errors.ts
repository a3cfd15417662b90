import { BridgeError } from '../../bridge/bridge-error';

const PASSWORD_MIN = 8;
const PASSWORD_MAX = 256;

/** What is wrong with the change-password form before anything is sent, or null. */
export function passwordChangeProblem(current: string, next: string, confirm: string): string | null {
  if (!current) return 'Enter your current password.';
  if (next.length < PASSWORD_MIN) return `The new password needs at least ${PASSWORD_MIN} characters.`;
  if (next.length > PASSWORD_MAX) return `The new password can have at most ${PASSWORD_MAX} characters.`;
  if (next !== confirm) return 'The new passwords do not match.';
  return null;
}

/** What to tell the user when the server refused a password change. */
export function describePasswordChangeError(error: unknown): string {
  if (!(error instanceof BridgeError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'forbidden':
      return 'The current password is wrong.';
    case 'rate_limited':
      return 'Too many attempts. Please wait a minute and try again.';
    default:
      return error.message || 'Something went wrong. Please try again.';
  }
}
