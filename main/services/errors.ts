import { ERROR_CODES, type ErrorCode, type ErrorInfo } from '../../common/protocol';

export const errorInfo = (code: ErrorCode, message: string): ErrorInfo => ({ code, message });

export const OFFLINE_ERROR: ErrorInfo = errorInfo('internal', 'Not connected to the server; try again when online.');
export const SIGNED_OUT_ERROR: ErrorInfo = errorInfo('unauthorized', 'You are signed out.');

/** A failure with a protocol error code, thrown inside main and turned into `{ok:false,error}` at the IPC edge. */
export class DesktopError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'DesktopError';
  }
}

function isErrorInfo(value: unknown): value is ErrorInfo {
  if (!value || typeof value !== 'object') return false;
  const v = value as { code?: unknown; message?: unknown };
  return typeof v.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(v.code);
}

/** Any thrown value as a protocol error; unknown failures never leak their stack. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof DesktopError) return err.info;
  if (isErrorInfo(err)) return err;
  return errorInfo('internal', 'Something went wrong in the app.');
}
