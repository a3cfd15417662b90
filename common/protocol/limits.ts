/** Limits fixed by the wire protocol; server and clients check the same numbers. */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 64;
export const ROOM_NAME_MAX = 80;
export const ROOM_TOPIC_MAX = 500;
export const MESSAGE_BODY_MAX = 10_000;
export const ATTACHMENTS_PER_MESSAGE_MAX = 10;
/** The largest file a client uploads (the server's default UPLOAD_MAX_BYTES: 25 MiB). */
export const UPLOAD_MAX_BYTES = 25 * 1024 * 1024;
/** Longest attachment file name and media type a client sends. */
export const UPLOAD_NAME_MAX = 255;
export const UPLOAD_MIME_MAX = 127;
export const EMOJI_MAX = 32;
/** Distinct emoji on one message; a new one past this is refused (`too_large`). */
export const REACTIONS_PER_MESSAGE_MAX = 50;
/** Pinned messages in one room (extension); pinning one more is refused (`too_large`), so `messages:pinned` stays small. */
export const PINS_PER_ROOM_MAX = 100;
/** Link previews (extension): links previewed per message, and the longest preview title and description. */
export const PREVIEWS_PER_MESSAGE_MAX = 3;
export const PREVIEW_TITLE_MAX = 200;
export const PREVIEW_DESCRIPTION_MAX = 500;
/** The longest link a client may name in `messages:preview:remove`. */
export const PREVIEW_URL_MAX = 2048;
/** The largest `seq` (a 32-bit signed integer in storage); larger positions are `invalid_input`. */
export const SEQ_MAX = 2 ** 31 - 1;
export const USERS_QUERY_LIMIT = 20;
export const HISTORY_LIMIT_DEFAULT = 50;
export const HISTORY_LIMIT_MAX = 100;
export const SYNC_LIMIT_DEFAULT = 200;
export const SYNC_LIMIT_MAX = 500;
export const CHANGES_LIMIT_DEFAULT = 200;
export const CHANGES_LIMIT_MAX = 500;
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 100;
export const SEARCH_QUERY_MAX = 200;
export const INVITE_MAX = 100;
/** rooms:browse page size (extension: a request without `limit` gets the first page of this size). */
export const BROWSE_LIMIT_DEFAULT = 200;
export const BROWSE_LIMIT_MAX = 500;
export const USERS_GET_MAX = 200;
/** A client drops a typing indicator it has not seen refreshed for this long. */
export const TYPING_EXPIRY_MS = 6_000;
/** A user whose last device disconnected is reported offline within this time. */
export const OFFLINE_GRACE_MS = 10_000;
/** Extension: the largest avatar image accepted by `POST /api/me/avatar` (larger: `413 too_large`). */
export const AVATAR_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** Extension: the server stores every avatar as a square webp of this many pixels a side. */
export const AVATAR_SIZE_PX = 256;
