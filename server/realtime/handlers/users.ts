import { describeUsers, findUsersByIds } from '../../services/users';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';

export function userHandlers({ ctx }: RealtimeDeps): Pick<HandlerTable, 'users:get'> {
  return {
    'users:get': async ({ userIds }) => ({
      users: await describeUsers(ctx.presence, await findUsersByIds(ctx.db, userIds)),
    }),
  };
}
