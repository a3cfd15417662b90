import { useState } from 'react';
import { toggleReaction } from '../../services/messages';
import { setPinned } from '../../services/pins';
import { reportFailure } from '../../services/report-failure';
import { openThread } from '../../services/threads';
import type { Message } from '../../shared/contract';
import { getMyId } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { Icon } from '../../ui/Icon';
import { EmojiPicker } from '../reactions/EmojiPicker';
import { QUICK_REACTIONS } from '../reactions/emojis';
import { editScope } from '../threads/thread-scope';
import './MessageActions.css';

/**
 * The toolbar shown on hover or keyboard focus: quick reactions, the picker, reply in thread
 * (top-level messages outside the thread pane), pin, and edit and delete for own messages.
 */
export function MessageActions({ message, own, inThread = false }: { message: Message; own: boolean; inThread?: boolean }) {
  const [picking, setPicking] = useState(false);
  const startEditing = useUiStore((s) => s.startEditing);
  const openDialog = useUiStore((s) => s.openDialog);
  const react = (emoji: string) => void toggleReaction(message, emoji).catch(reportFailure(`update your ${emoji} reaction`));

  return (
    <div className={`message-actions${picking ? ' message-actions--open' : ''}`} role="toolbar" aria-label="Message actions">
      {QUICK_REACTIONS.slice(0, 4).map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="message-actions__button message-actions__emoji"
          aria-label={`React with ${emoji}`}
          title={`React with ${emoji}`}
          onClick={() => react(emoji)}
        >
          {emoji}
        </button>
      ))}
      <span className="message-actions__picker">
        <button
          type="button"
          className="message-actions__button"
          aria-label="More reactions"
          title="More reactions"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
        >
          <Icon name="smile" size={16} />
        </button>
        {picking && (
          <EmojiPicker
            onClose={() => setPicking(false)}
            onPick={(emoji) => {
              setPicking(false);
              // Picking an emoji I already reacted with keeps it (the quick buttons toggle).
              if (!(message.reactions[emoji] ?? []).includes(getMyId() ?? '')) react(emoji);
            }}
          />
        )}
      </span>
      {!inThread && !message.threadRootId && (
        <button
          type="button"
          className="message-actions__button"
          aria-label="Reply in thread"
          title="Reply in thread"
          onClick={() => void openThread(message).catch(reportFailure('open the thread'))}
        >
          <Icon name="thread" size={15} />
        </button>
      )}
      <button
        type="button"
        className="message-actions__button"
        aria-label={message.pinnedAt ? 'Unpin message' : 'Pin message'}
        title={message.pinnedAt ? 'Unpin' : 'Pin'}
        onClick={() => void setPinned(message, !message.pinnedAt).catch(reportFailure(message.pinnedAt ? 'unpin the message' : 'pin the message'))}
      >
        <Icon name="pin" size={15} />
      </button>
      {own && (
        <>
          <button
            type="button"
            className="message-actions__button"
            aria-label="Edit message"
            title="Edit"
            onClick={() => startEditing(editScope(message), message.id)}
          >
            <Icon name="pencil" size={15} />
          </button>
          <button
            type="button"
            className="message-actions__button message-actions__button--danger"
            aria-label="Delete message"
            title="Delete"
            onClick={() => openDialog({ kind: 'delete-message', message })}
          >
            <Icon name="trash" size={15} />
          </button>
        </>
      )}
    </div>
  );
}
