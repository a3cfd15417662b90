import { asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ProtocolError, USERS_QUERY_LIMIT, type User } from '../../common/protocol';
import type { PresenceTracker } from '../presence/presence-tracker';
import type { Queryable } from '../storage/database';
import { isUniqueViolation } from '../storage/errors';
import { users, type UserRow } from '../storage/schema';
import { toUser } from './serializers';

export async function createUser(db: Queryable, input: { username: string; passwordHash: string; displayName: string }): Promise<UserRow> {
  try {
    const [row] = await db
      .insert(users)
      .values({ id: uuidv7(), username: input.username, passwordHash: input.passwordHash, displayName: input.displayName })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ProtocolError('conflict', 'username is already taken');
    throw error;
  }
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findUsersByIds(db: Queryable, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]))
    .orderBy(asc(users.username));
}

/** Throws `not_found` unless every id is a user. */
export async function assertUsersExist(db: Queryable, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await findUsersByIds(db, unique);
  if (found.length !== unique.length) throw new ProtocolError('not_found', 'no such user');
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Case-insensitive prefix match on username or display name; the empty query lists the first users. */
export async function searchUsers(db: Queryable, query: string): Promise<UserRow[]> {
  const prefix = `${escapeLike(query.toLowerCase())}%`;
  const base = db.select().from(users);
  const filtered = query ? base.where(or(like(users.username, prefix), like(sql`lower(${users.displayName})`, prefix))) : base;
  return filtered.orderBy(asc(users.username)).limit(USERS_QUERY_LIMIT);
}

/** `users:update`: the caller's new display name. */
export async function updateDisplayName(db: Queryable, userId: string, displayName: string): Promise<UserRow> {
  const [row] = await db.update(users).set({ displayName }).where(eq(users.id, userId)).returning();
  if (!row) throw new ProtocolError('not_found', 'no such user');
  return row;
}

/** Protocol users, with their live presence status. */
export async function describeUsers(presence: PresenceTracker, rows: readonly UserRow[]): Promise<User[]> {
  const statuses = await presence.statuses(rows.map((row) => row.id));
  return rows.map((row) => toUser(row, statuses.get(row.id) ?? 'offline'));
}

export async function describeUser(presence: PresenceTracker, row: UserRow): Promise<User> {
  const [user] = await describeUsers(presence, [row]);
  if (!user) throw new Error('describeUsers lost a user');
  return user;
}
