import { z } from 'zod';

export const ERROR_CODES = ['invalid_input', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'too_large', 'internal'] as const;

const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorInfoSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Extension, on `rate_limited`: seconds until the budget allows the next try. */
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** The JSON body of every failed HTTP request. */
export const ErrorBodySchema = z.object({ error: ErrorInfoSchema });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
};

/** A failure that is meant to reach the client as `{ code, message }`. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}
