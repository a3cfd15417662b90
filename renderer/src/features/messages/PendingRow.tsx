import { memo } from 'react';
import { formatTime } from '../../lib/format';
import { discardOutbox, retryOutbox } from '../../services/messages';
import { reportFailure } from '../../services/report-failure';
import type { OutboxItem } from '../../shared/contract';
import { displayNameOf, useUsersStore } from '../../stores/users';
import { Avatar } from '../../ui/Avatar';
import { pendingStatus } from '../receipts/receipt-status';
import { ReceiptTicks } from '../receipts/ReceiptTicks';
import { sameRowProps, type RowLayout } from './list-items';
import { MessageBody } from './MessageBody';
import { RowSeparators } from './RowSeparators';
import './MessageRow.css';

/** A message of mine that main has not delivered to the server yet: sending, queued offline, or failed. */
export const PendingRow = memo(function PendingRow({
  item,
  layout,
  myId,
  myUsername,
  tabbable,
}: {
  item: OutboxItem;
  layout: RowLayout;
  myId: string;
  myUsername: string | null;
  tabbable: boolean;
}) {
  const me = useUsersStore((s) => s.users[myId]);
  const name = displayNameOf(me);
  const failed = item.status === 'failed';
  const attachments = item.attachmentIds.length;

  return (
    <div className="message-row">
      <RowSeparators layout={layout} />
      <article
        className={`message message--pending${layout.groupStart ? ' message--first' : ''}${failed ? ' message--failed' : ''}`}
        aria-label={`${name}, ${failed ? 'not sent' : 'sending'}`}
        tabIndex={tabbable ? 0 : -1}
      >
        <div className="message__gutter">{layout.groupStart && <Avatar id={myId} name={name} imageUrl={me?.avatarUrl} />}</div>
        <div className="message__content">
          {layout.groupStart && (
            <header className="message__header">
              <span className="message__author">{name}</span>
              <time className="message__time" dateTime={item.createdAt}>
                {formatTime(item.createdAt)}
              </time>
            </header>
          )}
          {item.body && (
            <div className="message__text">
              <MessageBody body={item.body} myUsername={myUsername} />
            </div>
          )}
          {attachments > 0 && <p className="message__pending-files">{attachments === 1 ? '1 file' : `${attachments} files`}</p>}
          {failed && (
            <div className="message__failure" role="alert">
              <span>{item.error?.message ?? 'This message could not be sent.'}</span>
              <button
                type="button"
                className="button button--small"
                onClick={() => void retryOutbox(item.clientId).catch(reportFailure('send the message again'))}
              >
                Retry
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => void discardOutbox(item.clientId).catch(reportFailure('discard the message'))}
              >
                Discard
              </button>
            </div>
          )}
        </div>
        <div className="message__status">
          <ReceiptTicks status={pendingStatus(item)} showReadBy={false} />
        </div>
      </article>
    </div>
  );
}, sameRowProps);
