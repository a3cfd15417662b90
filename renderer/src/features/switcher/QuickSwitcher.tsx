import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { roomLabel } from '../../lib/room-title';
import { sidebarOrder } from '../../lib/sidebar-order';
import { openRoom } from '../../services/rooms';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useUsersStore } from '../../stores/users';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import './QuickSwitcher.css';

const MAX_RESULTS = 12;

/** Ctrl/Cmd+K: type part of a room's name, arrows to choose, Enter to open. */
export function QuickSwitcher({ onClose }: { onClose: () => void }) {
  const rooms = useRoomsStore((s) => s.rooms);
  const users = useUsersStore((s) => s.users);
  const myId = useSessionStore(selectMyId);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  const matches = useMemo(() => {
    const words = query.trim().toLowerCase().replace(/^#/, '');
    const all = sidebarOrder(rooms).map((room) => ({ room, label: roomLabel(room, users, myId) }));
    const found = words ? all.filter(({ label }) => label.toLowerCase().replace(/^#/, '').includes(words)) : all;
    // Names that start with the query first, then rooms with unread messages.
    return found
      .sort((a, b) => {
        const starts = (x: string) => (x.toLowerCase().replace(/^#/, '').startsWith(words) ? 0 : 1);
        return starts(a.label) - starts(b.label) || Number(b.room.unreadCount > 0) - Number(a.room.unreadCount > 0);
      })
      .slice(0, MAX_RESULTS);
  }, [rooms, users, myId, query]);

  const choose = (index: number) => {
    const match = matches[index];
    if (!match) return;
    onClose();
    openRoom(match.room.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((active + 1) % Math.max(1, matches.length));
    else if (event.key === 'ArrowUp') setActive((active - 1 + matches.length) % Math.max(1, matches.length));
    else if (event.key === 'Enter') choose(active);
    else return;
    event.preventDefault();
  };

  const optionId = (index: number) => `${listId}-${index}`;

  return (
    <Dialog title="Jump to a conversation" onClose={onClose} hideHeader className="switcher">
      <div className="switcher__search">
        <Icon name="search" />
        <input
          className="switcher__input"
          role="combobox"
          aria-label="Jump to a conversation"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={matches[active] ? optionId(active) : undefined}
          placeholder="Jump to a channel or person…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          data-autofocus
        />
        <kbd>Esc</kbd>
      </div>
      <ul id={listId} className="switcher__list" role="listbox" aria-label="Conversations">
        {matches.map(({ room, label }, index) => (
          <li
            key={room.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={`switcher__option${index === active ? ' switcher__option--active' : ''}`}
            onMouseMove={() => setActive(index)}
            onClick={() => choose(index)}
          >
            <Icon name={room.kind === 'channel' ? 'hash' : room.kind === 'group' ? 'lock' : 'message'} size={15} />
            <span className="switcher__label">{label.replace(/^#/, '')}</span>
            {room.unreadCount > 0 && <span className="switcher__unread">{room.unreadCount} unread</span>}
          </li>
        ))}
        {matches.length === 0 && <li className="switcher__empty">No conversations match “{query}”.</li>}
      </ul>
    </Dialog>
  );
}
