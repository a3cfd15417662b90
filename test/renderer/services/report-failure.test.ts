import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeError } from '../../../renderer/src/bridge/bridge-error';
import { reportFailure, warnFailure } from '../../../renderer/src/services/report-failure';
import { useNoticesStore } from '../../../renderer/src/stores/notices';

afterEach(() => vi.restoreAllMocks());

describe('reportFailure', () => {
  it('shows an error notice with what failed and why, and leaves a trace in the console', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    reportFailure('sign out')(new BridgeError('internal', 'The server did not answer in time.'));
    expect(useNoticesStore.getState().notices).toEqual([
      expect.objectContaining({ tone: 'error', title: 'Could not sign out', detail: 'The server did not answer in time. Try again in a moment.' }),
    ]);
    expect(warn).toHaveBeenCalledWith('Could not sign out:', 'internal', 'The server did not answer in time.');
  });

  it('logs a failure that is not from main as an error, with the error itself', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bug = new TypeError('x is undefined');
    reportFailure('open the link')(bug);
    expect(error).toHaveBeenCalledWith('Could not open the link:', bug);
    expect(useNoticesStore.getState().notices).toHaveLength(1);
  });
});

describe('warnFailure', () => {
  it('only writes to the console: background work does not interrupt anybody', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    warnFailure('prefetch room r1')(new BridgeError('internal', 'Not connected to the server; try again when online.'));
    expect(warn).toHaveBeenCalledWith('Could not prefetch room r1:', 'internal', 'Not connected to the server; try again when online.');
    expect(useNoticesStore.getState().notices).toEqual([]);
  });
});
