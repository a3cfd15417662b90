import { dmPartnerId, roomLabel, roomTitle } from '../../lib/room-title';
import { leaveRoom } from '../../services/rooms';
import { reportFailure } from '../../services/report-failure';
import { setRoomMuted } from '../../services/settings';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useSettingsStore } from '../../stores/settings';
import { useUiStore } from '../../stores/ui';
import { useUsersStore } from '../../stores/users';
import { Icon } from '../../ui/Icon';
import { Menu, type MenuItem } from '../../ui/Menu';
import { PRESENCE_LABELS, PresenceDot } from '../../ui/PresenceDot';

export function RoomHeader({ roomId }: { roomId: string }) {
  const room = useRoomsStore((s) => s.rooms[roomId]);
  const myId = useSessionStore(selectMyId);
  const users = useUsersStore((s) => s.users);
  const muted = useSettingsStore((s) => s.settings?.mutedRoomIds.includes(roomId) ?? false);
  const openDialog = useUiStore((s) => s.openDialog);
  if (!room) return null;

  const partner = users[dmPartnerId(room, myId) ?? ''];
  const title = roomTitle(room, users, myId);
  const memberCount = room.memberIds.length;
  const named = roomLabel(room, users, myId);
  const items: MenuItem[] = [
    {
      label: muted ? 'Unmute room' : 'Mute room',
      icon: <Icon name={muted ? 'bell' : 'bellOff'} size={15} />,
      onSelect: () => void setRoomMuted(roomId, !muted).catch(reportFailure(`${muted ? 'unmute' : 'mute'} ${named}`)),
    },
  ];
  if (room.kind === 'group')
    items.push({ label: 'Invite people', icon: <Icon name="userPlus" size={15} />, onSelect: () => openDialog({ kind: 'invite', roomId }) });
  if (room.kind !== 'dm')
    items.push({
      label: `Leave ${room.kind}`,
      icon: <Icon name="logOut" size={15} />,
      danger: true,
      onSelect: () => void leaveRoom(roomId).catch(reportFailure(`leave ${named}`)),
    });

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
          <span className="room-header__meta">
            {memberCount} {memberCount === 1 ? 'member' : 'members'}
          </span>
        )}
        {room.topic && (
          <span className="room-header__topic" title={room.topic}>
            {room.topic}
          </span>
        )}
      </div>
      <div className="room-header__actions">
        {muted && <Icon name="bellOff" size={16} className="room-header__muted" />}
        <button
          type="button"
          className="icon-button"
          aria-label="Search messages"
          title="Search messages (Ctrl+Shift+F)"
          onClick={() => openDialog({ kind: 'search' })}
        >
          <Icon name="search" />
        </button>
        <Menu label="Room options" triggerClassName="icon-button" trigger={<Icon name="settings" />} items={items} />
      </div>
    </header>
  );
}
