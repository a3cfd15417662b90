import type { ClientEventName } from '../../common/protocol';
import type { EventGroup } from '../rate-limits';

/** Which per-user budget each client event draws on; the compiler asks for a group for every new event. */
export const EVENT_GROUPS: Record<ClientEventName, EventGroup> = {
  'messages:send': 'writes',
  'messages:edit': 'writes',
  'messages:delete': 'writes',
  'messages:react': 'writes',
  'rooms:create': 'writes',
  'rooms:dm': 'writes',
  'rooms:join': 'writes',
  'rooms:leave': 'writes',
  'rooms:invite': 'writes',
  'rooms:update': 'writes',
  'rooms:list': 'reads',
  'rooms:browse': 'reads',
  'messages:history': 'reads',
  'messages:sync': 'reads',
  'messages:changes': 'reads',
  'receipts:list': 'reads',
  'users:get': 'reads',
  'messages:search': 'searches',
  'receipts:delivered': 'receipts',
  'receipts:read': 'receipts',
  typing: 'signals',
  'presence:set': 'signals',
};
