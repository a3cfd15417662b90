import { ProtocolError } from '../../common/protocol';
import type { AppContext } from '../context';
import type { UserRow } from '../storage/schema';
import { userOfSession } from './sessions';
import type { SessionClaims } from './tokens';

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export interface Session {
  user: UserRow;
  claims: SessionClaims;
}

/** Resolves the bearer token of a request to its user and claims, or throws `unauthorized` (invalid, expired, signed out, or its user gone). */
export async function authenticateSession(ctx: AppContext, authorization: unknown): Promise<Session> {
  const claims = await ctx.tokens.verify(bearerToken(authorization));
  const user = claims && (await userOfSession(ctx.db, claims));
  if (!claims || !user) throw new ProtocolError('unauthorized', 'a valid bearer token is required');
  return { user, claims };
}

/** Resolves the bearer token of a request to its user, or throws `unauthorized`. */
export async function authenticate(ctx: AppContext, authorization: unknown): Promise<UserRow> {
  return (await authenticateSession(ctx, authorization)).user;
}
