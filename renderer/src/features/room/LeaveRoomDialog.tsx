import { useState } from 'react';
import { roomLabel } from '../../lib/room-title';
import { reportFailure } from '../../services/report-failure';
import { leaveRoom } from '../../services/rooms';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useUsersStore } from '../../stores/users';
import { Dialog } from '../../ui/Dialog';

export function LeaveRoomDialog({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const room = useRoomsStore((s) => s.rooms[roomId]);
  const users = useUsersStore((s) => s.users);
  const myId = useSessionStore(selectMyId);
  const [busy, setBusy] = useState(false);
  if (!room) return null;
  const label = roomLabel(room, users, myId);
  const description = room.kind === 'channel' ? 'You can join it again from Browse channels.' : 'To come back, someone in the group has to add you again.';

  // A failure closes the dialog too and says why in a notice (the room stays in the list).
  const leave = () => {
    setBusy(true);
    void leaveRoom(roomId)
      .catch(reportFailure(`leave ${label}`))
      .finally(onClose);
  };

  return (
    <Dialog title={`Leave ${label}?`} description={description} onClose={onClose} size="small">
      <div className="dialog__footer">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={leave}>
          Leave
        </button>
      </div>
    </Dialog>
  );
}
