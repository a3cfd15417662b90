import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { createRoom } from '../../services/rooms';
import { ROOM_NAME_MAX, ROOM_TOPIC_MAX, type User } from '../../shared/contract';
import { Dialog } from '../../ui/Dialog';
import { PickedUsers } from '../people/PickedUsers';
import { UserSearch } from '../people/UserSearch';
import { FormError } from '../../ui/FormError';

export function CreateRoomDialog({ roomKind, onClose }: { roomKind: 'channel' | 'group'; onClose: () => void }) {
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [members, setMembers] = useState<User[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isChannel = roomKind === 'channel';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give it a name.');
    setBusy(true);
    try {
      await createRoom(
        roomKind,
        name.trim(),
        topic,
        members.map((m) => m.id),
      );
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={isChannel ? 'Create a channel' : 'Create a private group'}
      description={isChannel ? 'Channels are open to everyone on the server.' : 'Only people you invite can see a private group.'}
      onClose={onClose}
    >
      <form onSubmit={(event) => void submit(event)}>
        <div className="dialog__body">
          <label className="field">
            <span className="field__label">Name</span>
            <input
              className="input"
              value={name}
              maxLength={ROOM_NAME_MAX}
              placeholder={isChannel ? 'e.g. design-team' : 'e.g. launch plans'}
              onChange={(e) => setName(e.target.value)}
              data-autofocus
            />
          </label>
          <label className="field">
            <span className="field__label">
              Topic <span className="field__optional">(optional)</span>
            </span>
            <input className="input" value={topic} maxLength={ROOM_TOPIC_MAX} onChange={(e) => setTopic(e.target.value)} />
          </label>
          {!isChannel && (
            <div className="field">
              <span className="field__label">Members</span>
              <PickedUsers users={members} onRemove={(u) => setMembers(members.filter((m) => m.id !== u.id))} />
              <UserSearch label="Add members" excludeIds={members.map((m) => m.id)} onPick={(u) => setMembers([...members, u])} />
            </div>
          )}
          <FormError message={error} />
        </div>
        <div className="dialog__footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}
