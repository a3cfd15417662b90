import type { AppContext } from '../context';
import type { LinkPreviewWorker } from '../previews/preview-worker';
import type { Broadcaster } from './broadcaster';
import type { PresenceLifecycle } from './presence-lifecycle';

/** What the socket event handlers need. */
export interface RealtimeDeps {
  ctx: AppContext;
  broadcaster: Broadcaster;
  presence: PresenceLifecycle;
  /** Previews the links of sent and edited messages after their ack. */
  previews: LinkPreviewWorker;
}
