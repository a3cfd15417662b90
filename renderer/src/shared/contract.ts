/**
 * The renderer's view of the shared contract. Only types and plain constants are imported
 * so that zod (used by main to validate) never ends up in the renderer bundle.
 */
export type {
  ConnectionState,
  DesktopEvent,
  DroplinkBridge,
  InvokeArgs,
  InvokeName,
  InvokeResponse,
  InvokeResult,
  OutboxItem,
  SessionState,
  Settings,
  SettingsPatch,
} from '../../../common/ipc';
export type { Attachment, ErrorCode, Message, PresenceStatus, Receipt, Room, RoomKind, SettableStatus, User } from '../../../common/protocol';
export {
  BROWSE_LIMIT_MAX,
  HISTORY_LIMIT_MAX,
  MESSAGE_BODY_MAX,
  ROOM_NAME_MAX,
  ROOM_TOPIC_MAX,
  SEARCH_QUERY_MAX,
  TYPING_EXPIRY_MS,
  USERS_GET_MAX,
} from '../../../common/protocol/limits';
export { serverUrlProblem, serverUrlTransport } from '../../../common/ipc/server-url-rules';
export type { LinkPreview } from '../../../common/protocol';
export { AVATAR_UPLOAD_MAX_BYTES, DISPLAY_NAME_MAX } from '../../../common/protocol/limits';
export { EMOJI_SKIN_TONES, RECENT_EMOJI_MAX, type EmojiSkinTone } from '../../../common/ipc/emoji-preferences';
export { isSingleEmoji } from '../../../common/protocol/emoji';
