/** How @fastify/multipart and busboy fail, in terms the routes answer with. */

/** The file went past the part's `fileSize` limit (or the whole body was too large). */
export const isTooLarge = (error: unknown): boolean =>
  (error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE' || (error as { statusCode?: unknown }).statusCode === 413;

/** busboy's parse errors (a broken boundary, a truncated body) are plain Errors without a code. */
export const isMalformedMultipart = (error: unknown): boolean =>
  error instanceof Error && !('code' in error) && /multipart|boundary|part header|end of form/i.test(error.message);

export const MALFORMED_MULTIPART = 'malformed multipart/form-data body';
