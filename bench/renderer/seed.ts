/**
 * Fills one room with a large history straight in the database: one INSERT ... SELECT over
 * generate_series, with the server's own storage module (so migrations and the PGlite lock are
 * the server's). The server must be stopped while this runs (PGlite is single-process).
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { openStorage } from '../../server/storage/database';

/** Message bodies, short and long, plain and markdown; rows combine one to three of them. */
const BODIES = [
  'ok',
  'sounds good 👍',
  'the build is green again',
  'can you take a look at the **release notes** before lunch?',
  'run `npm run build` first, then `npm run bench:renderer`',
  'see [the deployment docs](https://example.com/docs/deploy) for the details',
  '> what about the migration?\n\nit ran on staging yesterday, no errors',
  'three things for today:\n- triage the inbox\n- review the _sync_ PR\n- ship 0.4',
  '```\nconst rows = await db.select().from(messages).limit(50);\n```',
  '@alice did the customer confirm the fix?',
  'I think we should keep the outbox on disk, even if it costs a few milliseconds per message, because losing a message someone typed is far worse than a slow send',
  'lunch at 12:30?',
  '~~cancelled~~ moved to Thursday',
  'https://example.com/issues/4242 is the one I meant',
  'Numbers from last night: p50 41 ms, p95 118 ms, p99 260 ms. Better than last week, still not where we want p99.',
  'thanks!',
];

const sqlText = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export interface SeedOptions {
  dataDir: string;
  roomId: string;
  /** Who wrote the messages (round-robin-ish). */
  senderIds: string[];
  /** Who reacts with 👍 to every ninth message. */
  reactorId: string;
  count: number;
}

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof openStorage>>['db']['transaction']>[0]>[0];

/**
 * Threads, where the schema has them: every tenth message (seq 1, 11, 21, ...) is a thread root and
 * the two messages after it are its replies, so 20% of the history lives in threads (the timeline
 * shows roots only) and every visible page has roots with reply summaries.
 */
async function threadSomeMessages(tx: Tx, roomId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE messages reply SET thread_root_id = root.id
    FROM messages root
    WHERE reply.room_id = ${roomId}::uuid AND root.room_id = ${roomId}::uuid
      AND reply.seq % 10 IN (2, 3) AND root.seq = reply.seq - reply.seq % 10 + 1`);
  await tx.execute(sql`
    UPDATE messages root
    SET thread_reply_count = replies.n,
        thread_last_reply_at = replies.last_at,
        thread_participant_ids = array_prepend(root.sender_id, array_remove(replies.senders, root.sender_id))
    FROM (SELECT thread_root_id, count(*)::int AS n, max(created_at) AS last_at, array_agg(DISTINCT sender_id) AS senders
          FROM messages WHERE room_id = ${roomId}::uuid AND thread_root_id IS NOT NULL GROUP BY thread_root_id) replies
    WHERE root.id = replies.thread_root_id`);
}

/** Inserts seq 1..count into the room, sets rooms.last_seq, and marks the history read for every member. */
export async function seedRoom({ dataDir, roomId, senderIds, reactorId, count }: SeedOptions): Promise<void> {
  const storage = await openStorage({ databaseUrl: null, dataDir, logger: pino({ level: 'silent' }) });
  try {
    const bodies = `ARRAY[${BODIES.map(sqlText).join(', ')}]::text[]`;
    const senders = `ARRAY[${senderIds.map(sqlText).join(', ')}]::uuid[]`;
    const n = BODIES.length;
    // messages.updated_at (messages:changes) where the schema has it: a message's last change is its creation.
    const columns = (await storage.db.execute<Record<string, unknown>>(
      sql`SELECT 1 FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'updated_at'`,
    )) as { rows: unknown[] };
    const hasUpdatedAt = columns.rows.length > 0;
    const threadColumns = (await storage.db.execute<Record<string, unknown>>(
      sql`SELECT 1 FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'thread_root_id'`,
    )) as { rows: unknown[] };
    const hasThreads = threadColumns.rows.length > 0;
    const updatedColumn = sql.raw(hasUpdatedAt ? ', updated_at' : '');
    const updatedValue = sql.raw(hasUpdatedAt ? ", date_trunc('milliseconds', to_timestamp(ms / 1000.0))" : '');
    await storage.db.transaction(async (tx) => {
      // Ids are UUIDv7-shaped (time-ordered, like the server's), a message every 30 s up to now.
      await tx.execute(sql`
        WITH s AS (
          SELECT g,
                 (extract(epoch FROM now()) * 1000)::bigint - (${count}::bigint - g) * 30000 AS ms,
                 md5(g::text || random()::text) AS h
          FROM generate_series(1, ${count}::int) AS g
        )
        INSERT INTO messages (id, room_id, seq, sender_id, client_id, body, created_at${updatedColumn})
        SELECT (lpad(to_hex(ms), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid,
               ${roomId}::uuid,
               g,
               (${sql.raw(senders)})[1 + (g * 7) % ${senderIds.length}::int],
               gen_random_uuid(),
               (${sql.raw(bodies)})[1 + g % ${n}::int]
                 || CASE WHEN g % 3 = 0 THEN E'\n\n' || (${sql.raw(bodies)})[1 + (g / 3) % ${n}::int] ELSE '' END
                 || CASE WHEN g % 11 = 0 THEN ' ' || (${sql.raw(bodies)})[1 + (g / 11) % ${n}::int] ELSE '' END,
               to_timestamp(ms / 1000.0)${updatedValue}
        FROM s`);
      await tx.execute(sql`
        INSERT INTO reactions (message_id, user_id, emoji)
        SELECT id, ${reactorId}::uuid, '👍' FROM messages WHERE room_id = ${roomId}::uuid AND seq % 9 = 0`);
      if (hasThreads) await threadSomeMessages(tx, roomId);
      await tx.execute(sql`UPDATE rooms SET last_seq = ${count}::int WHERE id = ${roomId}::uuid`);
      // Everyone has read the history, so the room opens at its latest messages (not at a first unread one).
      await tx.execute(sql`UPDATE room_members SET delivered_seq = ${count}::int, read_seq = ${count}::int WHERE room_id = ${roomId}::uuid`);
    });
    await storage.db.execute(sql`ANALYZE messages`);
    await storage.db.execute(sql`CHECKPOINT`);
  } finally {
    await storage.close();
  }
}
