import { memo, useEffect, useRef } from 'react';
import { dmPartnerId } from '../../lib/room-title';
import { HOVER_INTENT_MS, prefetchRoom } from '../../services/prefetch';
import { openRoom } from '../../services/rooms';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useThreadsStore } from '../../stores/threads';
import { useUiStore } from '../../stores/ui';
import { useUsersStore } from '../../stores/users';
import { Avatar } from '../../ui/Avatar';
import { Icon } from '../../ui/Icon';
import { PresenceDot } from '../../ui/PresenceDot';
import { useRoomTitle } from '../room/use-room-title';

/** One room in the sidebar; subscribes to that room only, so activity elsewhere does not re-render it. */
export const RoomItem = memo(function RoomItem({ roomId }: { roomId: string }) {
  const room = useRoomsStore((s) => s.rooms[roomId]);
  const myId = useSessionStore(selectMyId);
  const { title } = useRoomTitle(roomId);
  const active = useUiStore((s) => s.activeRoomId === roomId);
  const level = room?.notify ?? 'all';
  const muted = level === 'none';
  const unseenThreads = useThreadsStore((s) => s.unread[roomId]?.length ?? 0);
  const partnerId = room ? dmPartnerId(room, myId) : null;
  const partner = useUsersStore((s) => (partnerId ? s.users[partnerId] : undefined));
  // Resting on a room, or pressing it, fetches its latest page ahead of the click.
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelHover = () => clearTimeout(hoverTimer.current);
  useEffect(() => cancelHover, []);
  if (!room) return null;

  const unread = active ? 0 : room.unreadCount;
  const showUnread = unread > 0 && !muted;
  const threads = unseenThreads > 0 ? `new replies in ${unseenThreads} thread${unseenThreads === 1 ? '' : 's'}` : null;
  const label = [title, showUnread ? `${unread} unread` : null, threads, muted ? 'notifications off' : level === 'mentions' ? 'mentions only' : null]
    .filter(Boolean)
    .join(', ');

  return (
    <li>
      <button
        type="button"
        className={`room-item${active ? ' room-item--active' : ''}${showUnread ? ' room-item--unread' : ''}${muted ? ' room-item--muted' : ''}`}
        aria-current={active ? 'page' : undefined}
        aria-label={label}
        onClick={() => openRoom(roomId)}
        onPointerDown={() => prefetchRoom(roomId)}
        onPointerEnter={() => {
          cancelHover();
          hoverTimer.current = setTimeout(() => prefetchRoom(roomId), HOVER_INTENT_MS);
        }}
        onPointerLeave={cancelHover}
      >
        <span className="room-item__icon">
          {room.kind === 'channel' && <Icon name="hash" size={16} />}
          {room.kind === 'group' && <Icon name="lock" size={15} />}
          {room.kind === 'dm' &&
            (partner?.avatarUrl ? (
              <Avatar id={partner.id} name={partner.displayName} size={20} status={partner.status} imageUrl={partner.avatarUrl} />
            ) : (
              <PresenceDot status={partner?.status ?? 'offline'} />
            ))}
        </span>
        <span className="room-item__title">{title}</span>
        {unseenThreads > 0 && <Icon name="thread" size={13} className="room-item__threads" />}
        {muted && <Icon name="bellOff" size={13} className="room-item__muted" />}
        {showUnread && (
          <span className="room-item__badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
    </li>
  );
});
