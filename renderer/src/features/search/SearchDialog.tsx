import { useEffect, useState } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { formatDay, formatTime } from '../../lib/format';
import { roomLabel } from '../../lib/room-title';
import { revealMessage, searchMessages } from '../../services/messages';
import { reportFailure } from '../../services/report-failure';
import { openRoom } from '../../services/rooms';
import { openThread } from '../../services/threads';
import { SEARCH_QUERY_MAX, type Message } from '../../shared/contract';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { highlightMatches } from './highlight';
import './SearchDialog.css';

const DEBOUNCE_MS = 250;

/** Searches messages across my rooms (or the open one); a result opens the message in context. */
export function SearchDialog({ onClose }: { onClose: () => void }) {
  const activeRoomId = useUiStore((s) => s.activeRoomId);
  const rooms = useRoomsStore((s) => s.rooms);
  const users = useUsersStore((s) => s.users);
  const myId = useSessionStore(selectMyId);
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<'all' | 'room'>('all');
  const [results, setResults] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      searchMessages(q, scope === 'room' && activeRoomId ? activeRoomId : undefined)
        .then((found) => !cancelled && (setResults(found), setError(null)))
        .catch((failure) => !cancelled && setError(errorMessage(failure)));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, scope, activeRoomId]);

  const open = (message: Message) => {
    onClose();
    if (message.threadRootId) {
      // A reply: its room at the latest, and its thread beside it.
      openRoom(message.roomId);
      void openThread({ id: message.threadRootId, roomId: message.roomId }).catch(reportFailure('open the thread of that message'));
      return;
    }
    openRoom(message.roomId, { load: false });
    void revealMessage(message.roomId, message.seq).catch(reportFailure('show that message'));
  };

  const activeRoom = activeRoomId ? rooms[activeRoomId] : undefined;

  return (
    <Dialog title="Search messages" onClose={onClose} size="large" hideHeader className="search">
      <div className="search__bar">
        <Icon name="search" />
        <input
          className="search__input"
          type="search"
          aria-label="Search messages"
          placeholder="Search messages…"
          maxLength={SEARCH_QUERY_MAX}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            if (!e.target.value.trim()) setResults(null);
          }}
          data-autofocus
        />
        {activeRoom && (
          <div className="search__scope" role="radiogroup" aria-label="Where to search">
            <button type="button" role="radio" aria-checked={scope === 'all'} onClick={() => setScope('all')}>
              All rooms
            </button>
            <button type="button" role="radio" aria-checked={scope === 'room'} onClick={() => setScope('room')}>
              {roomLabel(activeRoom, users, myId)}
            </button>
          </div>
        )}
      </div>
      <div className="search__results" aria-live="polite">
        {error && (
          <p className="form-error search__message" role="alert">
            {error}
          </p>
        )}
        {!error && results === null && <p className="search__message search__hint">Find messages by any word in them.</p>}
        {!error && results?.length === 0 && <p className="search__message">No messages match “{query.trim()}”.</p>}
        {results && results.length > 0 && (
          <ul className="search__list" aria-label="Search results">
            {results.map((message) => {
              const room = rooms[message.roomId];
              const sender = users[message.senderId];
              return (
                <li key={message.id}>
                  <button type="button" className="search-result" onClick={() => open(message)}>
                    <Avatar id={message.senderId} name={displayNameOf(sender)} size={32} imageUrl={sender?.avatarUrl} />
                    <span className="search-result__main">
                      <span className="search-result__meta">
                        <b>{displayNameOf(sender)}</b>
                        {room && <span>in {roomLabel(room, users, myId)}</span>}
                        <span>
                          {formatDay(message.createdAt)} {formatTime(message.createdAt)}
                        </span>
                      </span>
                      <span className="search-result__text">{highlightMatches(message.body, query)}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
