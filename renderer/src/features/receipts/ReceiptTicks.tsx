import { formatNames } from '../../lib/format';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Icon } from '../../ui/Icon';
import type { DeliveryStatus } from './receipt-status';
import './ReceiptTicks.css';

const LABELS = { pending: 'Sending', failed: 'Not sent', sent: 'Sent', delivered: 'Delivered', read: 'Read' } as const;

interface ReceiptTicksProps {
  status: DeliveryStatus;
  /** In groups and channels: say how many have read it, with their names on hover. */
  showReadBy: boolean;
}

export function ReceiptTicks({ status, showReadBy }: ReceiptTicksProps) {
  const users = useUsersStore((s) => s.users);
  const { state, readBy } = status;
  const names = readBy.map((id) => displayNameOf(users[id]));
  const readByText = showReadBy && readBy.length > 0 ? `Read by ${readBy.length}` : null;
  const title = readBy.length > 0 ? `Read by ${formatNames(names, 10)}` : LABELS[state];

  return (
    <span className={`receipt receipt--${state}`} title={title} data-state={state}>
      <Icon name={state === 'pending' ? 'clock' : state === 'failed' ? 'alert' : state === 'sent' ? 'check' : 'checks'} size={14} />
      <span className={readByText ? 'receipt__text' : 'visually-hidden'}>{readByText ?? LABELS[state]}</span>
      {readByText && <span className="visually-hidden">: {formatNames(names, 10)}</span>}
    </span>
  );
}
