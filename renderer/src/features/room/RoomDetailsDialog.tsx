import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { updateRoom } from '../../services/rooms';
import { ROOM_NAME_MAX, ROOM_TOPIC_MAX } from '../../shared/contract';
import { useRoomsStore } from '../../stores/rooms';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';

/** Rename a channel or group and set its topic (shown to the room's admins only). */
export function RoomDetailsDialog({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const room = useRoomsStore((s) => s.rooms[roomId]);
  const [name, setName] = useState(room?.name ?? '');
  const [topic, setTopic] = useState(room?.topic ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!room) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give it a name.');
    const change = {
      ...(name.trim() !== room.name ? { name: name.trim() } : {}),
      ...(topic.trim() !== (room.topic ?? '') ? { topic: topic.trim() } : {}),
    };
    if (Object.keys(change).length === 0) return onClose();
    setBusy(true);
    try {
      await updateRoom(roomId, change);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <Dialog title={room.kind === 'channel' ? 'Channel details' : 'Group details'} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <div className="dialog__body">
          <label className="field">
            <span className="field__label">Name</span>
            <input className="input" value={name} maxLength={ROOM_NAME_MAX} onChange={(e) => setName(e.target.value)} data-autofocus />
          </label>
          <label className="field">
            <span className="field__label">
              Topic <span className="field__optional">(optional)</span>
            </span>
            <input className="input" value={topic} maxLength={ROOM_TOPIC_MAX} onChange={(e) => setTopic(e.target.value)} />
          </label>
          <FormError message={error} />
        </div>
        <div className="dialog__footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
