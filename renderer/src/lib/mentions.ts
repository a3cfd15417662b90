const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** Names that address everyone (`@channel`) or everyone online (`@here`), never a user's. */
const ROOM_WIDE_MENTIONS = ['channel', 'here'] as const;

/** `@name` as a whole word, case-insensitive (the rule main's notifications use). */
export function mentionsName(body: string, name: string): boolean {
  return new RegExp(`(^|[^\\w@])@${escapeRegExp(name)}(?![\\w.-]*[\\w-])`, 'i').test(body);
}

/** Whether the body addresses the reader: `@username`, `@channel` or `@here`. */
export function addressesMe(body: string, myUsername: string | null): boolean {
  if (!body.includes('@')) return false;
  return (myUsername !== null && mentionsName(body, myUsername)) || ROOM_WIDE_MENTIONS.some((name) => mentionsName(body, name));
}
