/** Unsent text per room, kept while the user visits other rooms. */
const drafts = new Map<string, string>();

export const getDraft = (roomId: string): string => drafts.get(roomId) ?? '';

export function setDraft(roomId: string, text: string): void {
  if (text) drafts.set(roomId, text);
  else drafts.delete(roomId);
}
