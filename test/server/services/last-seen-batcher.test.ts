import { PGlite } from '@electric-sql/pglite';
import { eq, type Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastSeenBatcher } from '../../../server/services/last-seen-batcher';
import { createUser } from '../../../server/services/users';
import type { Database } from '../../../server/storage/database';
import { migratePglite } from '../../../server/storage/migrate';
import * as schema from '../../../server/storage/schema';

const updates: string[] = [];
const logger: Logger = { logQuery: (query) => void (query.startsWith('update') && updates.push(query)) };
let client: PGlite;
let db: Database;

beforeAll(async () => {
  client = await PGlite.create();
  const pglite = drizzle({ client, schema, logger });
  await migratePglite(pglite);
  db = pglite;
});
afterAll(() => client.close());

const lastSeenOf = async (id: string) => (await db.select({ at: schema.users.lastSeenAt }).from(schema.users).where(eq(schema.users.id, id)))[0]?.at;

describe('LastSeenBatcher', () => {
  it('stores the touches that arrive together in one statement, the latest time per user', async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createUser(db, { username: `u${i}`, passwordHash: 'x', displayName: `U ${i}` }).then((u) => u.id)),
    );
    const batcher = new LastSeenBatcher(db);
    const early = new Date('2026-01-01T10:00:00.000Z');
    const late = new Date('2026-01-01T11:00:00.000Z');
    updates.length = 0;
    const answers = await Promise.all([...ids.map((id) => batcher.touch(id, early)), batcher.touch(ids[0]!, late)]);
    expect(updates).toHaveLength(1);
    expect(answers.slice(0, 50).every((at) => at === early)).toBe(true);
    expect(answers[50]).toBe(late);
    expect(await lastSeenOf(ids[0]!)).toEqual(late);
    expect(await lastSeenOf(ids[49]!)).toEqual(early);
  });

  it('commits one statement at a time: touches during a commit go into the next one', async () => {
    const { id } = await createUser(db, { username: 'later', passwordHash: 'x', displayName: 'Later' });
    const batcher = new LastSeenBatcher(db);
    updates.length = 0;
    const first = batcher.touch(id, new Date('2026-02-01T00:00:00.000Z'));
    await new Promise((resolve) => setImmediate(resolve));
    const second = batcher.touch(id, new Date('2026-03-01T00:00:00.000Z'));
    await Promise.all([first, second]);
    expect(updates).toHaveLength(2);
    expect(await lastSeenOf(id)).toEqual(new Date('2026-03-01T00:00:00.000Z'));
  });

  it('rejects every touch of a batch that could not be stored', async () => {
    const broken = new LastSeenBatcher({ execute: () => Promise.reject(new Error('database down')) } as unknown as Database);
    const touches = [broken.touch('00000000-0000-4000-8000-000000000001'), broken.touch('00000000-0000-4000-8000-000000000002')];
    for (const touch of touches) await expect(touch).rejects.toMatchObject({ code: 'internal', cause: new Error('database down') });
  });
});
