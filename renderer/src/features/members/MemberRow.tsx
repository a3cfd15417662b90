import type { User } from '../../shared/contract';
import { displayNameOf } from '../../stores/users';
import { Avatar } from '../../ui/Avatar';
import { PRESENCE_LABELS } from '../../ui/PresenceDot';

interface MemberRowProps {
  user: User;
  isMe: boolean;
  admin: boolean;
  /** Whether the viewer may change this member (the viewer is an admin, this is someone else). */
  canManage: boolean;
  busy: boolean;
  onRemove: () => void;
  onRole: (role: 'admin' | 'member') => void;
}

export function MemberRow({ user, isMe, admin, canManage, busy, onRemove, onRole }: MemberRowProps) {
  const name = displayNameOf(user);
  return (
    <li className="member" aria-label={`${name}${isMe ? ' (you)' : ''}${admin ? ', admin' : ''}, ${PRESENCE_LABELS[user.status]}`}>
      <Avatar id={user.id} name={name} size={32} status={user.status} imageUrl={user.avatarUrl} />
      <span className="member__text">
        <span className="member__name">
          {name}
          {isMe && <span className="member__you"> (you)</span>}
          {admin && <span className="member__badge">Admin</span>}
        </span>
        <span className="member__meta">
          {user.username && `@${user.username} · `}
          {PRESENCE_LABELS[user.status]}
        </span>
      </span>
      {canManage && (
        <span className="member__actions">
          <button
            type="button"
            className="button button--small button--ghost"
            aria-label={admin ? `Make ${name} a member, not an admin` : `Make ${name} an admin`}
            disabled={busy}
            onClick={() => onRole(admin ? 'member' : 'admin')}
          >
            {admin ? 'Remove admin' : 'Make admin'}
          </button>
          <button
            type="button"
            className="button button--small button--ghost member__remove"
            aria-label={`Remove ${name} from the room`}
            disabled={busy}
            onClick={onRemove}
          >
            Remove
          </button>
        </span>
      )}
    </li>
  );
}
