import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  API_PATHS,
  ChangePasswordRequestSchema,
  CLIENT_SECRET_HEADER,
  LoginRequestSchema,
  LogoutRequestSchema,
  ProtocolError,
  RegisterRequestSchema,
  type AuthResponse,
  type ChangePasswordResponse,
  type MeResponse,
} from '../../../common/protocol';
import { authenticate, authenticateSession } from '../../auth/authenticate';
import { clientSecretAccepted } from '../../auth/client-secret';
import { PasswordWork } from '../../auth/password-work';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { bumpTokenGeneration, revokeToken } from '../../auth/sessions';
import type { AppContext } from '../../context';
import type { SessionRevocation } from '../../realtime/types';
import { createUser, describeUser, findUserByUsername } from '../../services/users';
import { parseInput } from '../../validation';

/** With CLIENT_SECRET set, only the app that started this server may create accounts or sign in. */
function requireClientSecret(ctx: AppContext, request: FastifyRequest): void {
  if (!clientSecretAccepted(ctx.config.clientSecret, request.headers[CLIENT_SECRET_HEADER])) {
    throw new ProtocolError('forbidden', 'this server only serves the app that started it');
  }
}

/** `sessionsRevoked` ends the revoked tokens' sockets on every node. */
export function authRoutes(app: FastifyInstance, ctx: AppContext, sessionsRevoked: (revocation: SessionRevocation) => void): void {
  const passwordWork = new PasswordWork(ctx.config.limits.passwordHashConcurrency, ctx.config.limits.passwordHashQueue);

  app.post('/api/auth/register', async (request, reply) => {
    requireClientSecret(ctx, request);
    const input = parseInput(RegisterRequestSchema, request.body);
    await ctx.rateLimits.registrations.consume(request.ip);
    if (await findUserByUsername(ctx.db, input.username)) {
      throw new ProtocolError('conflict', 'username is already taken');
    }
    const row = await createUser(ctx.db, {
      username: input.username,
      passwordHash: await passwordWork.run(() => hashPassword(input.password)),
      displayName: input.displayName ?? input.username,
    });
    const body: AuthResponse = { user: await describeUser(ctx.presence, row), token: await ctx.tokens.issue(row.id, row.tokenGeneration) };
    return reply.code(201).send(body);
  });

  app.post('/api/auth/login', async (request) => {
    requireClientSecret(ctx, request);
    const input = parseInput(LoginRequestSchema, request.body);
    const limitKey = `${input.username}|${request.ip}`;
    await ctx.rateLimits.loginsPerAddress.consume(request.ip);
    await ctx.rateLimits.logins.consume(limitKey);
    const row = await findUserByUsername(ctx.db, input.username);
    const valid = await passwordWork.run(() => verifyPassword(row?.passwordHash, input.password));
    if (!row || !valid) throw new ProtocolError('unauthorized', 'wrong username or password');
    await ctx.rateLimits.logins.reset(limitKey);
    const body: AuthResponse = { user: await describeUser(ctx.presence, row), token: await ctx.tokens.issue(row.id, row.tokenGeneration) };
    return body;
  });

  app.post(API_PATHS.logout, async (request, reply) => {
    const { user, claims } = await authenticateSession(ctx, request.headers.authorization);
    const input = parseInput(LogoutRequestSchema, request.body ?? {});
    await ctx.rateLimits.events.writes.consume(user.id);
    if (input.everywhere) {
      const generation = await bumpTokenGeneration(ctx.db, user.id);
      sessionsRevoked({ userId: user.id, reason: 'logged_out_everywhere', belowGeneration: generation });
    } else {
      await revokeToken(ctx.db, claims);
      sessionsRevoked({ userId: user.id, reason: 'logged_out', tokenId: claims.tokenId });
    }
    return reply.code(204).send();
  });

  app.post(API_PATHS.password, async (request) => {
    const { user } = await authenticateSession(ctx, request.headers.authorization);
    const input = parseInput(ChangePasswordRequestSchema, request.body);
    // A wrong current password is a guess like a failed login: the same budgets.
    const limitKey = `${user.username}|${request.ip}`;
    await ctx.rateLimits.loginsPerAddress.consume(request.ip);
    await ctx.rateLimits.logins.consume(limitKey);
    if (!(await passwordWork.run(() => verifyPassword(user.passwordHash, input.currentPassword)))) {
      throw new ProtocolError('forbidden', 'the current password is wrong');
    }
    await ctx.rateLimits.logins.reset(limitKey);
    const passwordHash = await passwordWork.run(() => hashPassword(input.newPassword));
    const generation = await bumpTokenGeneration(ctx.db, user.id, passwordHash);
    sessionsRevoked({ userId: user.id, reason: 'password_changed', belowGeneration: generation });
    const body: ChangePasswordResponse = { token: await ctx.tokens.issue(user.id, generation) };
    return body;
  });

  app.get('/api/me', async (request) => {
    const row = await authenticate(ctx, request.headers.authorization);
    const body: MeResponse = { user: await describeUser(ctx.presence, row) };
    return body;
  });
}
