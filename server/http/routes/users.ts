import type { FastifyInstance } from 'fastify';
import { UsersQuerySchema, type UsersResponse } from '../../../common/protocol';
import { authenticate } from '../../auth/authenticate';
import type { AppContext } from '../../context';
import { describeUsers, searchUsers } from '../../services/users';
import { parseInput } from '../../validation';

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/users', async (request) => {
    await authenticate(ctx, request.headers.authorization);
    const { query } = parseInput(UsersQuerySchema, request.query);
    const body: UsersResponse = { users: await describeUsers(ctx.presence, await searchUsers(ctx.db, query)) };
    return body;
  });
}
