import { memo } from 'react';
import { formatFull, formatTime } from '../../lib/format';
import { addressesMe } from '../../lib/mentions';
import type { Message } from '../../shared/contract';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Avatar } from '../../ui/Avatar';
import { AttachmentList } from '../attachments/AttachmentList';
import { LinkPreviews } from '../previews/LinkPreviews';
import { ReactionBar } from '../reactions/ReactionBar';
import { PinnedMark } from '../pins/PinnedMark';
import { ThreadSummary } from '../threads/ThreadSummary';
import { OwnReceipt } from '../receipts/OwnReceipt';
import { sameRowProps, type RowLayout } from './list-items';
import { MessageActions } from './MessageActions';
import { MessageBody } from './MessageBody';
import { RowSeparators } from './RowSeparators';
import './MessageRow.css';

export interface MessageRowProps {
  message: Message;
  layout: RowLayout;
  myId: string | null;
  myUsername: string | null;
  highlighted: boolean;
  /** "Read by N" under my latest message in groups and channels. */
  showReadBy: boolean;
  /** The row keyboard users reach with Tab; the others are reached with the arrow keys. */
  tabbable: boolean;
  /** Drawn in the thread pane: no reply summary, no "Reply in thread". */
  inThread?: boolean;
}

export const MessageRow = memo(function MessageRow({
  message,
  layout,
  myId,
  myUsername,
  highlighted,
  showReadBy,
  tabbable,
  inThread = false,
}: MessageRowProps) {
  const sender = useUsersStore((s) => s.users[message.senderId]);
  const name = displayNameOf(sender);
  const own = message.senderId === myId;
  const deleted = message.deletedAt !== null;
  const edited = message.editedAt !== null && !deleted;
  const time = formatTime(message.createdAt);
  const mentioned = !own && !deleted && addressesMe(message.body, myUsername);

  return (
    <div className="message-row" data-seq={message.seq}>
      <RowSeparators layout={layout} />
      <article
        className={`message${layout.groupStart ? ' message--first' : ''}${highlighted ? ' message--highlighted' : ''}${mentioned ? ' message--mentioned' : ''}${message.pinnedAt ? ' message--pinned' : ''}`}
        aria-label={`${name}, ${time}${mentioned ? ', mentions you' : ''}${message.pinnedAt ? ', pinned' : ''}`}
        tabIndex={tabbable ? 0 : -1}
        data-message-id={message.id}
      >
        <div className="message__gutter">
          {layout.groupStart ? (
            <Avatar id={message.senderId} name={name} imageUrl={sender?.avatarUrl} />
          ) : (
            <time className="message__hover-time" dateTime={message.createdAt} title={formatFull(message.createdAt)}>
              {time}
            </time>
          )}
        </div>
        <div className="message__content">
          {message.pinnedAt && !deleted && <PinnedMark message={message} />}
          {layout.groupStart && (
            <header className="message__header">
              <span className="message__author">{name}</span>
              <time className="message__time" dateTime={message.createdAt} title={formatFull(message.createdAt)}>
                {time}
              </time>
            </header>
          )}
          {deleted ? (
            <p className="message__deleted">This message was deleted.</p>
          ) : (
            <>
              {message.body && (
                <div className={`message__text${edited ? ' message__text--edited' : ''}`}>
                  <MessageBody body={message.body} myUsername={myUsername} />
                  {edited && (
                    <span className="message__edited" title={`Edited ${formatFull(message.editedAt!)}`}>
                      (edited)
                    </span>
                  )}
                </div>
              )}
              <AttachmentList attachments={message.attachments} />
              <LinkPreviews message={message} own={own} />
              <ReactionBar message={message} myId={myId} />
              {!inThread && <ThreadSummary message={message} />}
            </>
          )}
        </div>
        {own && !deleted && myId && (
          <div className="message__status">
            <OwnReceipt message={message} myId={myId} showReadBy={showReadBy} />
          </div>
        )}
        {!deleted && <MessageActions message={message} own={own} inThread={inThread} />}
      </article>
    </div>
  );
}, sameRowProps);
