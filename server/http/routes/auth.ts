import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CLIENT_SECRET_HEADER, LoginRequestSchema, ProtocolError, RegisterRequestSchema, type AuthResponse, type MeResponse } from '../../../common/protocol';
import { authenticate } from '../../auth/authenticate';
import { clientSecretAccepted } from '../../auth/client-secret';
import { PasswordWork } from '../../auth/password-work';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import type { AppContext } from '../../context';
import { createUser, describeUser, findUserByUsername } from '../../services/users';
import { parseInput } from '../../validation';

/** With CLIENT_SECRET set, only the app that started this server may create accounts or sign in. */
function requireClientSecret(ctx: AppContext, request: FastifyRequest): void {
  if (!clientSecretAccepted(ctx.config.clientSecret, request.headers[CLIENT_SECRET_HEADER])) {
    throw new ProtocolError('forbidden', 'this server only serves the app that started it');
  }
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
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
    const body: AuthResponse = { user: await describeUser(ctx.presence, row), token: await ctx.tokens.issue(row.id) };
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
    const body: AuthResponse = { user: await describeUser(ctx.presence, row), token: await ctx.tokens.issue(row.id) };
    return body;
  });

  app.get('/api/me', async (request) => {
    const row = await authenticate(ctx, request.headers.authorization);
    const body: MeResponse = { user: await describeUser(ctx.presence, row) };
    return body;
  });
}
