import type { User } from '../../common/protocol';
import type { AppContext } from '../context';
import { roomIdsOfUser } from '../services/membership';
import type { Broadcaster } from './broadcaster';

/** Pushes `user:updated` after a profile change (socket `users:update`, or the avatar routes over HTTP). */
export async function announceUserUpdated(ctx: AppContext, broadcaster: Broadcaster, user: User): Promise<void> {
  broadcaster.userUpdated(user, await roomIdsOfUser(ctx.db, user.id));
}
