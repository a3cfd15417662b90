import { removePreview } from '../../previews/message-previews';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';

export function previewHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, 'messages:preview:remove'> {
  return {
    'messages:preview:remove': async (payload, call) => {
      const { message, changed } = await removePreview(ctx.db, call.userId, payload);
      if (changed) call.afterAck(() => broadcaster.message('message:updated', message));
      return { message };
    },
  };
}
