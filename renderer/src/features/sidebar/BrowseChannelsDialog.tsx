import { useEffect, useState } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { browseChannels, joinRoom, openRoom } from '../../services/rooms';
import type { Room } from '../../shared/contract';
import { useRoomsStore } from '../../stores/rooms';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import './BrowseChannelsDialog.css';
import { FormError } from '../../ui/FormError';

export function BrowseChannelsDialog({ onClose }: { onClose: () => void }) {
  const [channels, setChannels] = useState<Room[] | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const joined = useRoomsStore((s) => s.rooms);

  useEffect(() => {
    browseChannels()
      .then(setChannels)
      .catch((failure) => setError(errorMessage(failure)));
  }, []);

  const open = (room: Room) => {
    const action = joined[room.id] ? Promise.resolve(openRoom(room.id)) : joinRoom(room.id);
    action.then(onClose).catch((failure) => setError(errorMessage(failure)));
  };
  const shown = (channels ?? []).filter((c) => (c.name ?? '').toLowerCase().includes(filter.trim().toLowerCase()));

  return (
    <Dialog title="Browse channels" onClose={onClose} size="large">
      <div className="dialog__body dialog__body--padded-bottom">
        <input
          className="input"
          type="search"
          aria-label="Filter channels"
          placeholder="Search channels"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-autofocus
        />
        <FormError message={error} />
        {channels === null && !error && <span className="spinner" role="status" aria-label="Loading channels" />}
        <ul className="browse-list">
          {shown.map((channel) => (
            <li key={channel.id} className="browse-list__item">
              <Icon name="hash" size={16} />
              <div className="browse-list__text">
                <span className="browse-list__name">{channel.name}</span>
                <span className="browse-list__meta">
                  {channel.memberIds.length} {channel.memberIds.length === 1 ? 'member' : 'members'}
                  {channel.topic ? ` · ${channel.topic}` : ''}
                </span>
              </div>
              <button
                type="button"
                className={`button button--small${joined[channel.id] ? '' : ' button--primary'}`}
                onClick={() => open(channel)}
                aria-label={`${joined[channel.id] ? 'Open' : 'Join'} ${channel.name}`}
              >
                {joined[channel.id] ? 'Open' : 'Join'}
              </button>
            </li>
          ))}
          {channels && shown.length === 0 && <li className="browse-list__empty">No channels match.</li>}
        </ul>
      </div>
    </Dialog>
  );
}
