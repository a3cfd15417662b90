import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Message, ParsedPayload } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { messages, roomMembers } from '../storage/schema';
import { requireMembership } from './membership';
import { hydrateMessages } from './messages';

const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

/**
 * `websearch_to_tsquery` syntax ("phrases", -exclusions, or), with the last word also
 * matching as a prefix so results appear while the user is still typing it.
 */
function buildTsQuery(query: string): SQL {
  const words = query.trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  const previous = words.at(-2)?.toLowerCase();
  const insideQuotes = (query.match(/"/g) ?? []).length % 2 === 1;
  if (!PLAIN_WORD.test(last) || insideQuotes || previous === 'or') {
    return sql`websearch_to_tsquery('simple', ${query})`;
  }
  // Only letters and digits reach to_tsquery, so its operator syntax cannot be injected.
  const prefix = sql`to_tsquery('simple', ${`${last}:*`})`;
  const rest = words.slice(0, -1).join(' ');
  return rest ? sql`(websearch_to_tsquery('simple', ${rest}) && ${prefix})` : prefix;
}

/** Full-text search over the caller's rooms (or one of them), newest first; deleted messages never match. */
export async function searchMessages(db: Queryable, userId: string, input: ParsedPayload<'messages:search'>): Promise<Message[]> {
  if (input.roomId) await requireMembership(db, input.roomId, userId);
  const rows = await db
    .select({ message: messages })
    .from(messages)
    .innerJoin(roomMembers, and(eq(roomMembers.roomId, messages.roomId), eq(roomMembers.userId, userId)))
    .where(
      and(sql`${messages.search} @@ ${buildTsQuery(input.query)}`, isNull(messages.deletedAt), input.roomId ? eq(messages.roomId, input.roomId) : undefined),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(input.limit);
  return hydrateMessages(
    db,
    rows.map((row) => row.message),
  );
}
