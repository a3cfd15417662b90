import { ProtocolError } from '../../common/protocol';
import type { AppContext } from '../context';
import { findUserById } from '../services/users';
import type { UserRow } from '../storage/schema';

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** The user a token belongs to, or null when the token is invalid or its user no longer exists. */
async function userForToken(ctx: AppContext, token: unknown): Promise<UserRow | null> {
  const userId = await ctx.tokens.verify(token);
  return userId ? ((await findUserById(ctx.db, userId)) ?? null) : null;
}

/** Resolves the bearer token of a request to its user, or throws `unauthorized`. */
export async function authenticate(ctx: AppContext, authorization: unknown): Promise<UserRow> {
  const user = await userForToken(ctx, bearerToken(authorization));
  if (!user) throw new ProtocolError('unauthorized', 'a valid bearer token is required');
  return user;
}
