import { z } from 'zod';
import { IdSchema, UserSchema } from '../protocol/entities';
import { ErrorInfoSchema } from '../protocol/errors';

const CONNECTION_STATES = ['online', 'connecting', 'offline', 'unauthorized'] as const;
export const ConnectionStateSchema = z.object({
  status: z.enum(CONNECTION_STATES),
  /** When the next reconnect attempt is due (ISO time), while offline. */
  retryAt: z.string().nullable(),
  /** Human-readable reason for the last failure, if any. */
  reason: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const SessionStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signedOut'), serverUrl: z.string(), reason: z.string().nullable() }),
  z.object({ status: z.literal('signedIn'), serverUrl: z.string(), user: UserSchema }),
]);
export type SessionState = z.infer<typeof SessionStateSchema>;

const OUTBOX_STATUSES = ['queued', 'sending', 'failed'] as const;
export const OutboxItemSchema = z.object({
  clientId: IdSchema,
  roomId: IdSchema,
  body: z.string(),
  attachmentIds: z.array(IdSchema),
  /** A reply in this root's thread (absent: a top-level message). */
  threadRootId: IdSchema.optional(),
  createdAt: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().nonnegative(),
  /** Why it failed permanently (status "failed"), in words a user understands. */
  error: ErrorInfoSchema.nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;
