import type { AppContext } from '../context';
import type { Broadcaster } from './broadcaster';
import type { PresenceLifecycle } from './presence-lifecycle';

/** What the socket event handlers need. */
export interface RealtimeDeps {
  ctx: AppContext;
  broadcaster: Broadcaster;
  presence: PresenceLifecycle;
}
