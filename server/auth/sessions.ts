import { and, eq, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../storage/database';
import { revokedTokens, users, type UserRow } from '../storage/schema';
import type { SessionClaims } from './tokens';

/** The user of a token's claims, unless the token was signed out or its generation is past; one query. */
export async function userOfSession(db: Queryable, claims: SessionClaims): Promise<UserRow | null> {
  const [row] = await db
    .select({
      user: users,
      revoked: sql<boolean>`exists(select 1 from ${revokedTokens} where ${revokedTokens.tokenId} = ${claims.tokenId})`,
    })
    .from(users)
    .where(eq(users.id, claims.userId))
    .limit(1);
  if (!row || row.revoked || row.user.tokenGeneration !== claims.generation) return null;
  return row.user;
}

/** What a node needs to check a user's tokens without a query: the current generation and the tokens signed out one by one. */
export interface SessionState {
  generation: number;
  revokedTokenIds: ReadonlySet<string>;
}

export async function loadSessionState(db: Queryable, userId: string): Promise<SessionState | null> {
  const [row] = await db
    .select({
      generation: users.tokenGeneration,
      revoked: sql<
        string[]
      >`array(select ${revokedTokens.tokenId} from ${revokedTokens} where ${revokedTokens.userId} = ${users.id} and ${revokedTokens.expiresAt} > now())`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ? { generation: row.generation, revokedTokenIds: new Set(row.revoked) } : null;
}

/** Refuses one token from now on; rows of tokens that have expired anyway are cleared on the way. */
export async function revokeToken(db: Queryable, claims: SessionClaims): Promise<void> {
  await db.delete(revokedTokens).where(and(eq(revokedTokens.userId, claims.userId), lt(revokedTokens.expiresAt, sql`now()`)));
  await db
    .insert(revokedTokens)
    .values({ tokenId: claims.tokenId, userId: claims.userId, expiresAt: new Date(claims.expiresAt * 1000) })
    .onConflictDoNothing();
}

/** Refuses every token of the user issued so far (and sets a new password hash, if given); returns the new generation. */
export async function bumpTokenGeneration(db: Queryable, userId: string, passwordHash?: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ tokenGeneration: sql`${users.tokenGeneration} + 1`, ...(passwordHash === undefined ? {} : { passwordHash }) })
    .where(eq(users.id, userId))
    .returning({ generation: users.tokenGeneration });
  if (!row) throw new Error(`no user ${userId}`);
  return row.generation;
}
