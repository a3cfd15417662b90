import { useRoomsStore } from '../../stores/rooms';
import { Icon } from '../../ui/Icon';

/** Drawn above a room's very first message. */
export function RoomIntro({ roomId, title }: { roomId: string; title: string }) {
  const kind = useRoomsStore((s) => s.rooms[roomId]?.kind);
  const topic = useRoomsStore((s) => s.rooms[roomId]?.topic);
  return (
    <div className="list-header">
      <span className="list-header__icon" aria-hidden="true">
        <Icon name={kind === 'channel' ? 'hash' : kind === 'group' ? 'lock' : 'message'} size={22} />
      </span>
      <p className="list-header__title">
        {kind === 'dm' ? `This is the beginning of your conversation with ${title}.` : `This is the very beginning of ${title}.`}
      </p>
      {topic && <p className="list-header__topic">{topic}</p>}
    </div>
  );
}
