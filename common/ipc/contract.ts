import { z } from 'zod';
import { clientEvents } from '../protocol/client-events';
import { AttachmentSchema, IdSchema, SettableStatusSchema, UserSchema } from '../protocol/entities';
import type { ErrorInfo } from '../protocol/errors';
import { AVATAR_UPLOAD_MAX_BYTES, MESSAGE_BODY_MAX, ATTACHMENTS_PER_MESSAGE_MAX, UPLOAD_MAX_BYTES, UPLOAD_MIME_MAX, UPLOAD_NAME_MAX } from '../protocol/limits';
import { PasswordSchema, UsernameSchema, DisplayNameSchema } from '../protocol/http';
import type { ServerEventName, ServerPayload } from '../protocol/server-events';
import { ServerUrlSchema } from './server-url';
import { SettingsPatchSchema, SettingsSchema } from './settings';
import { ConnectionStateSchema, OutboxItemSchema, SessionStateSchema } from './state';

/**
 * The desktop app's IPC contract: every call the renderer may make into main (`invokes`) and
 * every event main pushes to the renderer (`DesktopEvent`). Main's handlers, the preload's
 * `window.droplink` and the renderer's types are all derived from this file.
 */

/** Server events that main relays to the renderer unchanged. */
export const RELAYED_SERVER_EVENTS = [
  'rooms:list',
  'rooms:browse',
  'rooms:create',
  'rooms:dm',
  'rooms:join',
  'rooms:leave',
  'rooms:invite',
  'rooms:update',
  'rooms:remove',
  'rooms:role',
  'users:update',
  'messages:history',
  'messages:sync',
  'messages:edit',
  'messages:delete',
  'messages:react',
  'messages:pin',
  'messages:pinned',
  'rooms:notify',
  'messages:preview:remove',
  'messages:search',
  'receipts:list',
  'typing',
  'users:get',
] as const satisfies readonly (keyof typeof clientEvents)[];
export type RelayedServerEvent = (typeof RELAYED_SERVER_EVENTS)[number];

type Relayed = { [E in RelayedServerEvent]: { args: (typeof clientEvents)[E]['payload']; result: (typeof clientEvents)[E]['result'] } };
const relayed = Object.fromEntries(
  RELAYED_SERVER_EVENTS.map((name) => [name, { args: clientEvents[name].payload, result: clientEvents[name].result }]),
) as Relayed;

// eslint-disable-next-line no-control-regex -- the point is to refuse them
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;
const Empty = z.object({}).strict();
const Nothing = z.object({});

/** Avatars the server accepts (it re-encodes them to a 256x256 webp). */
const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
/** The server-relative image paths the protocol hands out: `User.avatarUrl` and `LinkPreview.imageUrl`. */
const SERVER_IMAGE_PATH = /^\/api\/(?:users\/[0-9a-f-]{36}\/avatar(?:\?v=\d{1,12})?|previews\/[0-9a-f-]{36}\/image)$/i;

/** Desktop-only calls, handled by main's own services. */
const desktop = {
  'app:info': {
    args: Empty,
    result: z.object({ version: z.string(), platform: z.string(), profile: z.string() }),
  },
  'session:get': { args: Empty, result: SessionStateSchema },
  'session:register': {
    args: z.object({
      serverUrl: ServerUrlSchema,
      username: UsernameSchema,
      password: PasswordSchema,
      displayName: DisplayNameSchema.optional(),
    }),
    result: SessionStateSchema,
  },
  'session:login': {
    args: z.object({ serverUrl: ServerUrlSchema, username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    result: SessionStateSchema,
  },
  'session:logout': { args: Empty, result: SessionStateSchema },
  /** Signs out every device of the user (this one included) through the server. */
  'session:logout-everywhere': { args: Empty, result: SessionStateSchema },
  /** The server's other tokens of the user are refused; this device keeps signed in with the new token. */
  'session:change-password': {
    args: z.object({ currentPassword: z.string().min(1).max(256), newPassword: PasswordSchema }),
    result: SessionStateSchema,
  },
  'connection:get': { args: Empty, result: ConnectionStateSchema },
  /** Queues a message in the outbox; it is sent now if online, later otherwise. */
  'messages:send': {
    args: z.object({
      roomId: IdSchema,
      body: z.string().max(MESSAGE_BODY_MAX),
      attachmentIds: z.array(IdSchema).max(ATTACHMENTS_PER_MESSAGE_MAX).optional(),
      /** A reply in this root's thread. */
      threadRootId: IdSchema.optional(),
    }),
    result: OutboxItemSchema,
  },
  'outbox:list': { args: Empty, result: z.object({ items: z.array(OutboxItemSchema) }) },
  'outbox:retry': { args: z.object({ clientId: IdSchema }), result: Nothing },
  'outbox:discard': { args: z.object({ clientId: IdSchema }), result: Nothing },
  /** Marks a room read up to seq (main batches receipts and updates the tray/badge). */
  'receipts:read': { args: z.object({ roomId: IdSchema, seq: z.number().int().nonnegative() }), result: Nothing },
  'presence:set': { args: z.object({ status: SettableStatusSchema }), result: Nothing },
  'users:search': { args: z.object({ query: z.string().trim().max(64) }), result: z.object({ users: z.array(UserSchema) }) },
  /** Uploads a file; progress arrives as `upload:progress` events carrying `uploadId`. */
  'uploads:start': {
    args: z.object({
      uploadId: IdSchema,
      name: z
        .string()
        .trim()
        .min(1, 'the file needs a name')
        .max(UPLOAD_NAME_MAX, `file names are at most ${UPLOAD_NAME_MAX} characters`)
        .regex(NO_CONTROL_CHARACTERS, 'the file name contains control characters'),
      mime: z
        .string()
        .max(UPLOAD_MIME_MAX, `media types are at most ${UPLOAD_MIME_MAX} characters`)
        .regex(NO_CONTROL_CHARACTERS, 'the media type contains control characters'),
      data: z
        .instanceof(Uint8Array)
        .refine((data) => data.byteLength <= UPLOAD_MAX_BYTES, `files larger than ${UPLOAD_MAX_BYTES / (1024 * 1024)} MiB cannot be uploaded`),
    }),
    result: z.object({ attachment: AttachmentSchema }),
  },
  /** A URL the renderer can put in <img src> / a download link for an attachment. */
  'files:link': { args: z.object({ attachmentId: IdSchema }), result: z.object({ url: z.string() }) },
  /** A URL an <img> can use for a server image path (an avatar or a link preview image), through main's proxy. */
  'images:link': {
    args: z.object({ path: z.string().max(200).regex(SERVER_IMAGE_PATH, 'not an avatar or preview image path') }),
    result: z.object({ url: z.string() }),
  },
  /** Uploads the signed-in user's avatar (`POST /api/me/avatar`); progress arrives as `upload:progress` with `uploadId`. */
  'profile:set-avatar': {
    args: z.object({
      uploadId: IdSchema,
      mime: z.enum(AVATAR_TYPES, 'avatars must be PNG, JPEG, WebP or GIF images'),
      data: z
        .instanceof(Uint8Array)
        .refine((data) => data.byteLength > 0, 'the image is empty')
        .refine((data) => data.byteLength <= AVATAR_UPLOAD_MAX_BYTES, `avatars larger than ${AVATAR_UPLOAD_MAX_BYTES / (1024 * 1024)} MiB cannot be uploaded`),
    }),
    result: z.object({ user: UserSchema }),
  },
  'profile:remove-avatar': { args: Empty, result: z.object({ user: UserSchema }) },
  'settings:get': { args: Empty, result: SettingsSchema },
  'settings:set': { args: SettingsPatchSchema, result: SettingsSchema },
  /** Tells main which room the user is looking at (null: none), for notifications and unreads. */
  'ui:focus-room': { args: z.object({ roomId: IdSchema.nullable(), threadRootId: IdSchema.nullable().optional() }), result: Nothing },
  /** Threads the user takes part in with replies not yet seen: roomId -> their roots' ids (also pushed as `threads:unread`). */
  'threads:unread': { args: Empty, result: z.object({ byRoom: z.record(IdSchema, z.array(IdSchema)) }) },
  'shell:open-external': { args: z.object({ url: z.string().max(4096) }), result: Nothing },
} as const;

export const invokes = { ...relayed, ...desktop };
type Invokes = typeof invokes;
export type InvokeName = keyof Invokes;
export type InvokeArgs<N extends InvokeName> = z.input<Invokes[N]['args']>;
export type ParsedInvokeArgs<N extends InvokeName> = z.output<Invokes[N]['args']>;
export type InvokeResult<N extends InvokeName> = z.infer<Invokes[N]['result']>;
/** Every invoke resolves to this envelope; failures carry a protocol error code and a message for the user. */
export type InvokeResponse<N extends InvokeName> = { ok: true; value: InvokeResult<N> } | { ok: false; error: ErrorInfo };

export const INVOKE_NAMES = Object.keys(invokes) as InvokeName[];

/** Everything main pushes to the renderer. Delivered in batches over one channel. */
export type DesktopEvent =
  | { [E in ServerEventName]: { type: E; payload: ServerPayload<E> } }[ServerEventName]
  | { type: 'connection'; payload: z.infer<typeof ConnectionStateSchema> }
  | { type: 'session'; payload: z.infer<typeof SessionStateSchema> }
  | { type: 'outbox'; payload: { items: z.infer<typeof OutboxItemSchema>[] } }
  | { type: 'upload:progress'; payload: { uploadId: string; loaded: number; total: number } }
  | { type: 'settings'; payload: z.infer<typeof SettingsSchema> }
  /** Main asks the window to open a room (notification click, deep link, tray). */
  | { type: 'navigate'; payload: { roomId: string } }
  /** A notification was shown silently: the window plays the bundled sound chosen in the settings. */
  | { type: 'notification:sound'; payload: { sound: Exclude<z.infer<typeof SettingsSchema>['notificationSound'], 'default'> } }
  /** Threads the user takes part in with unseen replies, every room's (the whole map after each change). */
  | { type: 'threads:unread'; payload: { byRoom: Record<string, string[]> } }
  /** Messages fetched by main's sync after a reconnect, per room, in seq order. */
  | { type: 'messages:synced'; payload: { roomId: string; messages: ServerPayload<'message:new'>[] } };

/** IPC channel names. */
const IPC_INVOKE_CHANNEL_PREFIX = 'droplink:invoke:';
export const IPC_EVENTS_CHANNEL = 'droplink:events';
export const invokeChannel = (name: InvokeName): string => `${IPC_INVOKE_CHANNEL_PREFIX}${name}`;

/** The API the preload exposes as `window.droplink`. */
export interface DroplinkBridge {
  invoke<N extends InvokeName>(name: N, args: InvokeArgs<N>): Promise<InvokeResponse<N>>;
  /** Subscribes to batched events; returns the unsubscribe function. */
  onEvents(listener: (events: DesktopEvent[]) => void): () => void;
}
