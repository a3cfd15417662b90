import { z } from 'zod';
import { IdSchema, MessageSchema, PresenceStatusSchema, ReceiptSchema, RoomSchema, TimestampSchema, UserSchema } from './entities';

/** Every server -> client event and its payload. */
export const serverEvents = {
  'message:new': MessageSchema,
  'message:updated': MessageSchema,
  receipt: ReceiptSchema,
  typing: z.object({ roomId: IdSchema, userId: IdSchema, typing: z.boolean() }),
  presence: z.object({ userId: IdSchema, status: PresenceStatusSchema, lastSeenAt: TimestampSchema.nullable() }),
  'room:updated': RoomSchema,
  'room:removed': z.object({ roomId: IdSchema }),
  /** Extension: a user's profile changed (display name, avatar); to their room-mates and own devices. */
  'user:updated': UserSchema,
  /** Extension: sent to a socket right before the server disconnects it because its token no longer counts. */
  'session:revoked': z.object({ reason: z.enum(['logged_out', 'logged_out_everywhere', 'password_changed', 'expired']) }),
} as const;

type ServerEvents = typeof serverEvents;
export type ServerEventName = keyof ServerEvents;
export type ServerPayload<E extends ServerEventName> = z.infer<ServerEvents[E]>;
export type PresenceEvent = ServerPayload<'presence'>;
export type SessionEndReason = ServerPayload<'session:revoked'>['reason'];

export const SERVER_EVENT_NAMES = Object.keys(serverEvents) as ServerEventName[];
