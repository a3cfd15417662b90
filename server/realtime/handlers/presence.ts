import { ProtocolError } from '../../../common/protocol';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';

export function presenceHandlers({ presence }: RealtimeDeps): Pick<HandlerTable, 'presence:set'> {
  return {
    'presence:set': async ({ status }, call) => {
      if (!(await presence.setStatus(call.userId, call.socket.id, status))) {
        throw new ProtocolError('conflict', 'you have no connected device');
      }
      return {};
    },
  };
}
