import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnownUsers } from '../../../server/auth/known-users';
import { createUser } from '../../../server/services/users';
import type { Database } from '../../../server/storage/database';
import { migratePglite } from '../../../server/storage/migrate';
import * as schema from '../../../server/storage/schema';

const queries: string[] = [];
const logger: Logger = { logQuery: (query) => void queries.push(query) };
let client: PGlite;
let db: Database;

beforeAll(async () => {
  client = await PGlite.create();
  const pglite = drizzle({ client, schema, logger });
  await migratePglite(pglite);
  db = pglite;
});
afterAll(() => client.close());

const newUser = async (username: string) => (await createUser(db, { username, passwordHash: 'x', displayName: username })).id;

describe('KnownUsers', () => {
  it('asks the database once per existing user, then answers from memory', async () => {
    const known = new KnownUsers();
    const id = await newUser('ada');
    queries.length = 0;
    expect(await known.exists(db, id)).toBe(true);
    expect(queries).toHaveLength(1);
    expect(await known.exists(db, id)).toBe(true);
    expect(queries).toHaveLength(1);
  });

  it('does not remember a user that does not exist', async () => {
    const known = new KnownUsers();
    const ghost = uuidv7();
    queries.length = 0;
    expect(await known.exists(db, ghost)).toBe(false);
    expect(await known.exists(db, ghost)).toBe(false);
    expect(queries).toHaveLength(2);
  });

  it('forgets the oldest id past its capacity', async () => {
    const known = new KnownUsers(2);
    const [a, b, c] = [await newUser('bea'), await newUser('cy'), await newUser('dee')];
    for (const id of [a, b, c]) await known.exists(db, id);
    queries.length = 0;
    await known.exists(db, c);
    await known.exists(db, b);
    expect(queries).toHaveLength(0);
    await known.exists(db, a);
    expect(queries).toHaveLength(1);
  });
});
