/** The key a thread's composer keeps its draft, uploads and edit under (a room's composer uses the room id). */
export const threadScope = (rootId: string): string => `thread:${rootId}`;

/** Where the composer edits a message: the room's, or for a reply the composer of its thread. */
export const editScope = (message: { roomId: string; threadRootId?: string | null | undefined }): string =>
  message.threadRootId ? threadScope(message.threadRootId) : message.roomId;
