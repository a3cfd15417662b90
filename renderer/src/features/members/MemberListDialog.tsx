import { useState } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { roomLabel } from '../../lib/room-title';
import { isRoomAdmin, removeMember, setMemberRole } from '../../services/rooms';
import type { User } from '../../shared/contract';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { Icon } from '../../ui/Icon';
import { MemberRow } from './MemberRow';
import './MemberListDialog.css';

/** A room's members with their presence and role; admins can remove people and make them admins. */
export function MemberListDialog({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const room = useRoomsStore((s) => s.rooms[roomId]);
  const users = useUsersStore((s) => s.users);
  const myId = useSessionStore(selectMyId);
  const openDialog = useUiStore((s) => s.openDialog);
  const [confirming, setConfirming] = useState<User | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!room) return null;

  const label = roomLabel(room, users, myId);
  const iAmAdmin = isRoomAdmin(room, myId);
  const members = room.memberIds
    .map((id) => users[id] ?? { id, username: '', displayName: 'Loading…', status: 'offline' as const, lastSeenAt: null })
    .sort((a, b) => Number(isRoomAdmin(room, b.id)) - Number(isRoomAdmin(room, a.id)) || displayNameOf(a).localeCompare(displayNameOf(b)));

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setConfirming(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  if (confirming) {
    const name = displayNameOf(confirming);
    return (
      <Dialog
        key="confirm"
        title={`Remove ${name}?`}
        description={`${name} will no longer see ${label} or its messages, unless someone adds them again.`}
        onClose={() => setConfirming(null)}
        size="small"
      >
        <div className="dialog__body">
          <FormError message={error} />
        </div>
        <div className="dialog__footer">
          <button type="button" className="button" onClick={() => setConfirming(null)} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void run(() => removeMember(roomId, confirming.id))}>
            Remove
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    // Keyed apart from the confirmation so that each one takes the focus when it opens.
    <Dialog key="members" title={`Members of ${label}`} description={`${members.length} ${members.length === 1 ? 'member' : 'members'}`} onClose={onClose}>
      <div className="dialog__body">
        {room.kind !== 'dm' && (
          <button type="button" className="button button--small members__invite" onClick={() => openDialog({ kind: 'invite', roomId })}>
            <Icon name="userPlus" size={15} /> Invite people
          </button>
        )}
        <ul className="members" aria-label="Members">
          {members.map((user) => (
            <MemberRow
              key={user.id}
              user={user}
              isMe={user.id === myId}
              admin={isRoomAdmin(room, user.id)}
              canManage={iAmAdmin && room.kind !== 'dm' && user.id !== myId}
              busy={busy}
              onRemove={() => {
                setError(null);
                setConfirming(user);
              }}
              onRole={(role) => void run(() => setMemberRole(roomId, user.id, role))}
            />
          ))}
        </ul>
        <FormError message={error} />
      </div>
      <div className="dialog__footer">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
