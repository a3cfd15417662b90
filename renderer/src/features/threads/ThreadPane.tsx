import { useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { reportFailure } from '../../services/report-failure';
import { closeThread, focusThread, loadOlderReplies, loadReplies } from '../../services/threads';
import { selectThreadOutbox, useOutboxStore } from '../../stores/outbox';
import { selectMe, useSessionStore } from '../../stores/session';
import { selectReplies, useThreadsStore } from '../../stores/threads';
import { Icon } from '../../ui/Icon';
import { Composer } from '../composer/Composer';
import { buildListItems, rowLayout, type RowLayout } from '../messages/list-items';
import { MessageRow } from '../messages/MessageRow';
import { PendingRow } from '../messages/PendingRow';
import './Threads.css';

const ROOT_LAYOUT: RowLayout = { daySeparator: null, groupStart: true, unreadLine: false };
/** How close to the bottom still counts as "at the bottom" when a reply arrives. */
const STICK_PX = 48;

/** A thread beside its room: the root, its replies (paged back on demand, live), and a composer of its own. Escape closes it. */
export function ThreadPane({ roomId, rootId, roomLabel }: { roomId: string; rootId: string; roomLabel: string }) {
  const root = useThreadsStore((s) => s.roots[rootId]);
  const loaded = useThreadsStore((s) => s.threads[rootId] !== undefined);
  const hasOlder = useThreadsStore((s) => s.threads[rootId]?.hasOlder ?? false);
  const replies = useThreadsStore(selectReplies(rootId));
  const pending = useOutboxStore(selectThreadOutbox(rootId));
  const me = useSessionStore(selectMe);
  const myId = me?.id ?? null;
  const items = useMemo(() => buildListItems(replies, pending, true), [replies, pending]);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useEffect(() => {
    focusThread(roomId, rootId);
    return () => focusThread(roomId, null);
  }, [roomId, rootId]);

  useEffect(() => {
    if (!loaded)
      void loadReplies({ id: rootId, roomId }).catch(reportFailure('load the replies of the thread', 'Close the thread and open it again to retry.'));
  }, [loaded, rootId, roomId]);

  // New replies (and my own, always) bring the list to the bottom when it was there.
  const lastKey = items.at(-1)?.key;
  const lastIsMine = items.at(-1)?.kind === 'pending';
  useLayoutEffect(() => {
    const node = scroller.current;
    if (node && (atBottom.current || lastIsMine)) node.scrollTop = node.scrollHeight;
  }, [lastKey, lastIsMine]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    closeThread();
  };

  return (
    <aside className="thread-pane" aria-labelledby="thread-pane-title" onKeyDown={onKeyDown}>
      <header className="thread-pane__header">
        <h2 id="thread-pane-title" className="thread-pane__title">
          Thread <span className="thread-pane__room">{roomLabel}</span>
        </h2>
        <button type="button" className="icon-button" aria-label="Close thread" title="Close thread (Esc)" onClick={closeThread}>
          <Icon name="x" />
        </button>
      </header>
      <div
        ref={scroller}
        className="thread-pane__scroller"
        onScroll={(e) => {
          const node = e.currentTarget;
          atBottom.current = node.scrollHeight - node.scrollTop - node.clientHeight < STICK_PX;
        }}
      >
        {root && (
          <div className="thread-pane__root">
            <MessageRow
              message={root}
              layout={ROOT_LAYOUT}
              myId={myId}
              myUsername={me?.username ?? null}
              highlighted={false}
              showReadBy={false}
              tabbable
              inThread
            />
          </div>
        )}
        <div className="thread-pane__divider" role="separator" aria-label="Replies">
          {root?.thread ? `${root.thread.replyCount} ${root.thread.replyCount === 1 ? 'reply' : 'replies'}` : 'No replies yet'}
        </div>
        {hasOlder && (
          <button
            type="button"
            className="button button--small button--ghost thread-pane__older"
            onClick={() => void loadOlderReplies(rootId).catch(reportFailure('load earlier replies'))}
          >
            Load earlier replies
          </button>
        )}
        <div role="log" aria-label="Replies in thread" aria-live="polite" aria-relevant="additions" className="thread-pane__replies">
          {!loaded && <span className="spinner" role="status" aria-label="Loading replies" />}
          {items.map((item, index) => {
            const layout = rowLayout(items[index - 1], item, null, myId);
            const tabbable = index === items.length - 1;
            return item.kind === 'pending' ? (
              <PendingRow key={item.key} item={item.item} layout={layout} myId={myId ?? ''} myUsername={me?.username ?? null} tabbable={tabbable} />
            ) : (
              <MessageRow
                key={item.key}
                message={item.message}
                layout={layout}
                myId={myId}
                myUsername={me?.username ?? null}
                highlighted={false}
                showReadBy={false}
                tabbable={tabbable}
                inThread
              />
            );
          })}
        </div>
      </div>
      {!root?.deletedAt && <Composer roomId={roomId} threadRootId={rootId} placeholder="Reply in thread" />}
    </aside>
  );
}
