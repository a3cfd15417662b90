import type { z } from 'zod';
import { ProtocolError } from '../common/protocol';

/** Parses untrusted input with a protocol schema; failures become `invalid_input` naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if (containsNul(result.data)) throw new ProtocolError('invalid_input', 'text must not contain NUL characters');
    return result.data;
  }
  const issue = result.error.issues[0];
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ProtocolError('invalid_input', `${field}${issue?.message ?? 'invalid input'}`);
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((item) => containsNul(item, depth + 1));
}
