import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { formatFull, formatTime } from '../../lib/format';
import { revealMessage } from '../../services/messages';
import { loadPinned } from '../../services/pins';
import { reportFailure } from '../../services/report-failure';
import { openThread } from '../../services/threads';
import type { Message } from '../../shared/contract';
import { useMessagesStore } from '../../stores/messages';
import { useThreadsStore } from '../../stores/threads';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Icon } from '../../ui/Icon';
import './Pins.css';

/** Shows a pinned message where it lives: in the timeline, or for a reply in its thread's pane. */
function jumpTo(message: Message): void {
  if (!message.threadRootId) {
    void revealMessage(message.roomId, message.seq).catch(reportFailure('show the pinned message'));
    return;
  }
  const rootId = message.threadRootId;
  void openThread(useThreadsStore.getState().roots[rootId] ?? { id: rootId, roomId: message.roomId }).catch(
    reportFailure('open the thread of the pinned message'),
  );
}

/** The room header's pin button: a list of the room's pinned messages, latest pin first; picking one jumps to it. */
export function PinnedButton({ roomId }: { roomId: string }) {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const users = useUsersStore((s) => s.users);
  const panel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  // Any pin or unpin seen in this room refreshes an open list.
  const pinsSeen = useMessagesStore((s) => s.timelines[roomId]?.messages.filter((m) => m.pinnedAt).length ?? 0);

  useEffect(() => {
    if (!open) return;
    let live = true;
    loadPinned(roomId).then(
      (list) => {
        if (!live) return;
        setMessages(list);
        setError(null);
      },
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [open, roomId, pinsSeen]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!panel.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="pinned-list__anchor">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label="Pinned messages"
        title="Pinned messages"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen(!open)}
      >
        <Icon name="pin" />
      </button>
      {open && (
        <div
          ref={panel}
          id={listId}
          className="pinned-list"
          role="dialog"
          aria-label="Pinned messages"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.stopPropagation();
            close();
          }}
        >
          <h2 className="pinned-list__title">Pinned messages</h2>
          {error ? (
            <p className="pinned-list__empty" role="alert">
              Could not load the pinned messages. {error}
            </p>
          ) : messages === null ? (
            <p className="pinned-list__loading" role="status">
              Loading…
            </p>
          ) : messages.length === 0 ? (
            <p className="pinned-list__empty">Nothing is pinned here yet. Pin a message from its actions.</p>
          ) : (
            <ul className="pinned-list__items">
              {messages.map((message) => (
                <li key={message.id}>
                  <button
                    type="button"
                    className="pinned-list__item"
                    onClick={() => {
                      close();
                      jumpTo(message);
                    }}
                  >
                    <span className="pinned-list__meta">
                      <span className="pinned-list__author">{displayNameOf(users[message.senderId])}</span>
                      <time dateTime={message.createdAt} title={formatFull(message.createdAt)}>
                        {formatTime(message.createdAt)}
                      </time>
                      {message.threadRootId && <span>in a thread</span>}
                    </span>
                    <span className="pinned-list__body">
                      {message.deletedAt ? 'This message was deleted.' : message.body || `${message.attachments.length} attachment(s)`}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
