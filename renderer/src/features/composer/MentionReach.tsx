import { mentionsName } from '../../lib/mentions';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useUsersStore } from '../../stores/users';

/** Rooms where a room-wide mention is worth a warning before it is sent. */
const WARN_ABOVE_MEMBERS = 5;

/** Under the composer, while the text holds @channel or @here in a room of more than five: how many people it will notify. */
export function MentionReach({ roomId, text }: { roomId: string; text: string }) {
  const memberIds = useRoomsStore((s) => s.rooms[roomId]?.memberIds);
  const myId = useSessionStore(selectMyId);
  const everyone = text.includes('@') && mentionsName(text, 'channel');
  const here = !everyone && text.includes('@') && mentionsName(text, 'here');
  const online = useUsersStore((s) => (here && memberIds ? memberIds.filter((id) => id !== myId && s.users[id]?.status === 'online').length : 0));
  if (!memberIds || memberIds.length <= WARN_ABOVE_MEMBERS || (!everyone && !here)) return null;
  const count = everyone ? memberIds.filter((id) => id !== myId).length : online;
  return (
    <div className="composer__reach" role="status">
      {everyone ? '@channel' : '@here'} will notify {count} {count === 1 ? 'person' : 'people'}
      {here ? ' online now' : ''}.
    </div>
  );
}
