import { useState } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { inviteToRoom } from '../../services/rooms';
import type { User } from '../../shared/contract';
import { useRoomsStore } from '../../stores/rooms';
import { Dialog } from '../../ui/Dialog';
import { PickedUsers } from '../people/PickedUsers';
import { UserSearch } from '../people/UserSearch';
import { FormError } from '../../ui/FormError';

export function InviteDialog({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const room = useRoomsStore((s) => s.rooms[roomId]);
  const [picked, setPicked] = useState<User[]>([]);
  const [error, setError] = useState<string | null>(null);
  if (!room) return null;

  const invite = () =>
    inviteToRoom(
      roomId,
      picked.map((u) => u.id),
    )
      .then(onClose)
      .catch((failure) => setError(errorMessage(failure)));

  return (
    <Dialog title={`Invite people to ${room.name ?? 'this group'}`} onClose={onClose}>
      <div className="dialog__body">
        <PickedUsers users={picked} onRemove={(u) => setPicked(picked.filter((p) => p.id !== u.id))} />
        <UserSearch excludeIds={[...room.memberIds, ...picked.map((p) => p.id)]} onPick={(u) => setPicked([...picked, u])} />
        <FormError message={error} />
      </div>
      <div className="dialog__footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button--primary" disabled={picked.length === 0} onClick={() => void invite()}>
          Invite
        </button>
      </div>
    </Dialog>
  );
}
