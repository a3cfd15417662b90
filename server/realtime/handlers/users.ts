import { describeUser, describeUsers, findUsersByIds, updateDisplayName } from '../../services/users';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';
import { announceUserUpdated } from '../user-updates';

export function userHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, 'users:get' | 'users:update'> {
  return {
    'users:get': async ({ userIds }) => ({
      users: await describeUsers(ctx.presence, await findUsersByIds(ctx.db, userIds)),
    }),

    'users:update': async ({ displayName }, call) => {
      const user = await describeUser(ctx.presence, await updateDisplayName(ctx.db, call.userId, displayName));
      call.afterAck(() => announceUserUpdated(ctx, broadcaster, user));
      return { user };
    },
  };
}
