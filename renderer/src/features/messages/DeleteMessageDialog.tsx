import { useState } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { deleteMessage } from '../../services/messages';
import type { Message } from '../../shared/contract';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';

export function DeleteMessageDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const confirm = () =>
    deleteMessage(message.id)
      .then(onClose)
      .catch((failure) => setError(errorMessage(failure)));
  return (
    <Dialog title="Delete message?" description="Everyone in the room will see that it was deleted. This can't be undone." onClose={onClose} size="small">
      {message.body && (
        <div className="dialog__body">
          <blockquote className="delete-preview">{message.body.length > 280 ? `${message.body.slice(0, 280)}…` : message.body}</blockquote>
          <FormError message={error} />
        </div>
      )}
      <div className="dialog__footer">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={() => void confirm()}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}
