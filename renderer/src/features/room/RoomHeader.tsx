import { dmPartnerId, roomLabel, roomTitle } from '../../lib/room-title';
import { isRoomAdmin } from '../../services/rooms';
import { reportFailure } from '../../services/report-failure';
import { NOTIFY_LEVEL_LABELS, notifyLevelOf, setNotifyLevel, type NotifyLevel } from '../../services/notify-level';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { useUsersStore } from '../../stores/users';
import { Icon } from '../../ui/Icon';
import { Menu, type MenuItem } from '../../ui/Menu';
import { PRESENCE_LABELS, PresenceDot } from '../../ui/PresenceDot';
import { PinnedButton } from '../pins/PinnedList';

export function RoomHeader({ roomId }: { roomId: string }) {
  const room = useRoomsStore((s) => s.rooms[roomId]);
  const myId = useSessionStore(selectMyId);
  const users = useUsersStore((s) => s.users);
  const openDialog = useUiStore((s) => s.openDialog);
  if (!room) return null;

  const partner = users[dmPartnerId(room, myId) ?? ''];
  const title = roomTitle(room, users, myId);
  const memberCount = room.memberIds.length;
  const named = roomLabel(room, users, myId);
  const level = notifyLevelOf(room);
  const muted = level === 'none';
  const items: MenuItem[] = [];
  if (room.kind !== 'dm') {
    if (isRoomAdmin(room, myId))
      items.push({ label: `Edit ${room.kind} details`, icon: <Icon name="pencil" size={15} />, onSelect: () => openDialog({ kind: 'room-details', roomId }) });
    items.push({ label: 'Invite people', icon: <Icon name="userPlus" size={15} />, onSelect: () => openDialog({ kind: 'invite', roomId }) });
    items.push({
      label: `Leave ${room.kind}`,
      icon: <Icon name="logOut" size={15} />,
      danger: true,
      onSelect: () => openDialog({ kind: 'leave-room', roomId }),
    });
  }

  return (
    <header className="room-header">
      <div className="room-header__title-row">
        <span className="room-header__icon" aria-hidden="true">
          {room.kind === 'channel' && <Icon name="hash" size={18} />}
          {room.kind === 'group' && <Icon name="lock" size={16} />}
        </span>
        {room.kind === 'dm' && partner && <PresenceDot status={partner.status} />}
        <h1 className="room-header__title">{title}</h1>
        {room.kind === 'dm' && partner && <span className="room-header__meta">{PRESENCE_LABELS[partner.status]}</span>}
        {room.kind !== 'dm' && (
          <button type="button" className="room-header__meta room-header__members" title="Show members" onClick={() => openDialog({ kind: 'members', roomId })}>
            {memberCount} {memberCount === 1 ? 'member' : 'members'}
          </button>
        )}
        {room.topic && (
          <span className="room-header__topic" title={room.topic}>
            {room.topic}
          </span>
        )}
      </div>
      <div className="room-header__actions">
        {muted && <Icon name="bellOff" size={16} className="room-header__muted" />}
        <PinnedButton roomId={roomId} />
        <Menu
          label={`Notifications: ${NOTIFY_LEVEL_LABELS[level]}`}
          triggerClassName="icon-button"
          trigger={<Icon name={level === 'all' ? 'bell' : level === 'mentions' ? 'at' : 'bellOff'} />}
          items={(Object.keys(NOTIFY_LEVEL_LABELS) as NotifyLevel[]).map((option) => ({
            label: NOTIFY_LEVEL_LABELS[option],
            checked: option === level,
            onSelect: () =>
              void setNotifyLevel(roomId, option).catch(reportFailure(`change the notifications of ${named} to ${NOTIFY_LEVEL_LABELS[option].toLowerCase()}`)),
          }))}
        />
        <button
          type="button"
          className="icon-button"
          aria-label="Search messages"
          title="Search messages (Ctrl+Shift+F)"
          onClick={() => openDialog({ kind: 'search' })}
        >
          <Icon name="search" />
        </button>
        {items.length > 0 && <Menu label="Room options" triggerClassName="icon-button" trigger={<Icon name="settings" />} items={items} />}
      </div>
    </header>
  );
}
