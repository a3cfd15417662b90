import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../renderer/src/bridge/bridge-error';
import { describeFailure } from '../../../renderer/src/lib/describe-failure';

describe('describeFailure', () => {
  it("keeps main's message when it already says what to do", () => {
    const offline = new BridgeError('internal', 'Not connected to the server; try again when online.');
    expect(describeFailure('leave #general', offline)).toEqual({
      title: 'Could not leave #general',
      detail: 'Not connected to the server; try again when online.',
    });
  });

  it('adds the next step for the error code where the message has none', () => {
    expect(describeFailure('send', new BridgeError('rate_limited', 'Too many messages')).detail).toBe('Too many messages. Wait a few seconds, then try again.');
    expect(describeFailure('send', new BridgeError('unauthorized', 'You are signed out.')).detail).toBe('You are signed out. Sign in again, then try again.');
    expect(describeFailure('send', new BridgeError('forbidden', 'You are not a member of this room.')).detail).toBe('You are not a member of this room.');
  });

  it("uses the caller's next step instead of the generic one", () => {
    expect(describeFailure('load your rooms', new BridgeError('internal', 'The server did not answer in time.'), 'Restart Droplink to try again.').detail).toBe(
      'The server did not answer in time. Restart Droplink to try again.',
    );
  });

  it("never shows a programmer's message for a failure that did not come from main", () => {
    const { detail } = describeFailure('open the link', new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(detail).not.toContain('undefined');
    expect(detail).toMatch(/restart Droplink/);
  });
});
