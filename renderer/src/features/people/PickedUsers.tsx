import type { User } from '../../shared/contract';
import { Icon } from '../../ui/Icon';
import './UserSearch.css';

export function PickedUsers({ users, onRemove }: { users: User[]; onRemove: (user: User) => void }) {
  if (users.length === 0) return null;
  return (
    <ul className="chips" aria-label="Selected people">
      {users.map((user) => (
        <li key={user.id} className="chip">
          {user.displayName}
          <button type="button" className="icon-button" aria-label={`Remove ${user.displayName}`} onClick={() => onRemove(user)}>
            <Icon name="x" size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}
