import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionGate } from '../../../server/auth/session-gate';
import { bumpTokenGeneration, revokeToken } from '../../../server/auth/sessions';
import type { SessionClaims } from '../../../server/auth/tokens';
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
const claimsOf = (userId: string, generation = 0): SessionClaims => ({
  userId,
  tokenId: uuidv7(),
  generation,
  expiresAt: Math.floor(Date.now() / 1000) + 3600,
});

describe('SessionGate', () => {
  it('asks the database once per existing user, then answers from memory', async () => {
    const gate = new SessionGate(db);
    const claims = claimsOf(await newUser('ada'));
    queries.length = 0;
    expect(await gate.accepts(claims)).toBe(true);
    expect(await gate.accepts({ ...claims, tokenId: uuidv7() })).toBe(true);
    expect(queries).toHaveLength(1);
  });

  it('refuses a user that does not exist, and does not remember it', async () => {
    const gate = new SessionGate(db);
    const ghost = claimsOf(uuidv7());
    queries.length = 0;
    expect(await gate.accepts(ghost)).toBe(false);
    expect(await gate.accepts(ghost)).toBe(false);
    expect(queries).toHaveLength(2);
  });

  it('refuses a signed-out token and an old generation once the user is forgotten', async () => {
    const gate = new SessionGate(db);
    const userId = await newUser('bea');
    const [one, other] = [claimsOf(userId), claimsOf(userId)];
    expect(await gate.accepts(one)).toBe(true);
    await revokeToken(db, one);
    // Remembered: the revocation is not seen until it is announced.
    expect(await gate.accepts(one)).toBe(true);
    gate.forget(userId);
    expect(await gate.accepts(one)).toBe(false);
    expect(await gate.accepts(other)).toBe(true);
    const generation = await bumpTokenGeneration(db, userId);
    gate.forget(userId);
    expect(await gate.accepts(other)).toBe(false);
    expect(await gate.accepts(claimsOf(userId, generation))).toBe(true);
  });

  it('loads a user again once the remembered state is older than its ttl', async () => {
    let now = 0;
    const gate = new SessionGate(db, { ttlMs: 1000, now: () => now });
    const claims = claimsOf(await newUser('cy'));
    await gate.accepts(claims);
    await revokeToken(db, claims);
    now = 999;
    expect(await gate.accepts(claims)).toBe(true);
    now = 1000;
    expect(await gate.accepts(claims)).toBe(false);
  });

  it('forgets the oldest user past its capacity', async () => {
    const gate = new SessionGate(db, { capacity: 2 });
    const [a, b, c] = [claimsOf(await newUser('dee')), claimsOf(await newUser('eve')), claimsOf(await newUser('fay'))];
    for (const claims of [a, b, c]) await gate.accepts(claims);
    queries.length = 0;
    await gate.accepts(c);
    await gate.accepts(b);
    expect(queries).toHaveLength(0);
    await gate.accepts(a);
    expect(queries).toHaveLength(1);
  });
});
