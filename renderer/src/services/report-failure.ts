import { BridgeError } from '../bridge/bridge-error';
import { describeFailure } from '../lib/describe-failure';
import { useNoticesStore } from '../stores/notices';

/**
 * For `.catch` on something a person asked for: shows an error notice saying what failed and
 * what to do next. `action` completes "Could not …", e.g. `reportFailure('leave #general')`;
 * `nextStep` says how to retry where the generic advice for the error's code would not fit.
 */
export const reportFailure =
  (action: string, nextStep?: string) =>
  (error: unknown): void => {
    // The window has no log file; the console is where a developer looks.
    if (error instanceof BridgeError) console.warn(`Could not ${action}:`, error.code, error.message);
    else console.error(`Could not ${action}:`, error);
    useNoticesStore.getState().show({ tone: 'error', ...describeFailure(action, error, nextStep) });
  };

/**
 * For `.catch` on work nobody asked for this moment (prefetch, paging on scroll, telling main
 * what is in view): the person is not interrupted, but the failure is not lost either.
 */
export const warnFailure =
  (what: string) =>
  (error: unknown): void => {
    if (error instanceof BridgeError) console.warn(`Could not ${what}:`, error.code, error.message);
    else console.warn(`Could not ${what}:`, error);
  };
