import { useEffect, useState } from 'react';
import { searchUsers } from '../../services/users';
import type { User } from '../../shared/contract';
import { getMyId } from '../../stores/session';
import { Avatar } from '../../ui/Avatar';
import { PresenceDot } from '../../ui/PresenceDot';
import './UserSearch.css';

interface UserSearchProps {
  onPick: (user: User) => void;
  /** Users not to offer (already members or already picked). */
  excludeIds?: readonly string[];
  label?: string;
}

const DEBOUNCE_MS = 150;

/** Finds teammates by name as you type. */
export function UserSearch({ onPick, excludeIds = [], label = 'Search people' }: UserSearchProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<User[]>([]);
  const [error, setError] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      searchUsers(query.trim())
        .then((users) => !cancelled && (setResults(users), setError(false)))
        .catch(() => !cancelled && setError(true));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query]);

  const me = getMyId();
  const shown = results.filter((u) => u.id !== me && !excludeIds.includes(u.id));

  return (
    <div className="user-search">
      <input
        className="input"
        type="search"
        aria-label={label}
        placeholder="Type a name…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-autofocus
      />
      <ul className="user-search__results" aria-label="People">
        {shown.map((user) => (
          <li key={user.id}>
            <button type="button" className="user-search__result" onClick={() => onPick(user)}>
              <Avatar id={user.id} name={user.displayName} size={28} imageUrl={user.avatarUrl} />
              <span className="user-search__name">{user.displayName}</span>
              <span className="user-search__username">@{user.username}</span>
              <PresenceDot status={user.status} />
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="user-search__empty">{error ? 'Could not search right now.' : 'Nobody found.'}</li>}
      </ul>
    </div>
  );
}
