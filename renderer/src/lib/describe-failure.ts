import { BridgeError, type BridgeErrorCode } from '../bridge/bridge-error';

/** What a person can do about a failure of this kind, when main's message does not say it already. */
const NEXT_STEP: Partial<Record<BridgeErrorCode, string>> = {
  internal: 'Try again in a moment.',
  conflict: 'Try again.',
  rate_limited: 'Wait a few seconds, then try again.',
  unauthorized: 'Sign in again, then try again.',
};

const UNEXPECTED = 'Something went wrong in the app. Try again; if it keeps failing, restart Droplink.';

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
const saysWhatToDo = (text: string): boolean => /\b(try again|sign in|wait)\b/i.test(text);

/**
 * The words for a failed action: `action` is what the person asked for ("leave #general"), the
 * detail is main's message plus, where it lacks one, what to do next. Failures that are not from
 * main (a bug in the window) get a generic text rather than a programmer's message. `nextStep`
 * replaces the generic advice where the caller knows better how to retry.
 */
export function describeFailure(action: string, error: unknown, nextStep?: string): { title: string; detail: string } {
  const title = `Could not ${action}`;
  if (!(error instanceof BridgeError) || !error.message.trim())
    return { title, detail: nextStep ? `Something went wrong in the app. ${nextStep}` : UNEXPECTED };
  const message = sentence(error.message.trim());
  const next = nextStep ?? NEXT_STEP[error.code];
  return { title, detail: next && !saysWhatToDo(message) ? `${message} ${next}` : message };
}
