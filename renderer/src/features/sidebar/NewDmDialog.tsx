import { useState } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { startDm } from '../../services/rooms';
import { Dialog } from '../../ui/Dialog';
import { UserSearch } from '../people/UserSearch';
import { FormError } from '../../ui/FormError';

export function NewDmDialog({ onClose }: { onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title="New direct message" description="Find a teammate to start a conversation." onClose={onClose}>
      <div className="dialog__body dialog__body--padded-bottom">
        <UserSearch
          onPick={(user) =>
            void startDm(user.id)
              .then(onClose)
              .catch((failure) => setError(errorMessage(failure)))
          }
        />
        <FormError message={error} />
      </div>
    </Dialog>
  );
}
