import type { ErrorCode } from '../shared/contract';

/** `unavailable`: there is no bridge at all (the page is not running inside the desktop app). */
export type BridgeErrorCode = ErrorCode | 'unavailable';

/** A failed invoke, carrying the protocol error code and a message meant for the user. */
export class BridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : 'Something went wrong. Please try again.');
