import { useEffect } from 'react';
import { formatFull } from '../../lib/format';
import { ensureUsers } from '../../services/users';
import type { Message } from '../../shared/contract';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Icon } from '../../ui/Icon';
import './Pins.css';

/** "Pinned by …" above a pinned message. */
export function PinnedMark({ message }: { message: Message }) {
  const pinner = useUsersStore((s) => (message.pinnedBy ? s.users[message.pinnedBy] : undefined));
  useEffect(() => {
    if (message.pinnedBy) ensureUsers([message.pinnedBy]);
  }, [message.pinnedBy]);
  if (!message.pinnedAt) return null;
  return (
    <div className="pinned-mark" title={`Pinned ${formatFull(message.pinnedAt)}`}>
      <Icon name="pin" size={12} />
      <span>Pinned{pinner ? ` by ${displayNameOf(pinner)}` : ''}</span>
    </div>
  );
}
