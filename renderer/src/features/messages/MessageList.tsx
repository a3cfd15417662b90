import { forwardRef, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import { Virtuoso, type IndexLocationWithAlign, type ListProps, type VirtuosoHandle } from 'react-virtuoso';
import { loadLatest, loadNewer, loadOlder } from '../../services/messages';
import { reportFailure, warnFailure } from '../../services/report-failure';
import type { Message } from '../../shared/contract';
import { useMessagesStore, type Timeline } from '../../stores/messages';
import { selectRoomOutbox, useOutboxStore } from '../../stores/outbox';
import { useRoomsStore } from '../../stores/rooms';
import { selectMe, useSessionStore } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { JumpToLatest } from './JumpToLatest';
import { buildListItems, rowLayout, type ListItem } from './list-items';
import { ListHeader } from './ListHeader';
import { MessageRow } from './MessageRow';
import { PendingRow } from './PendingRow';
import { RoomIntro } from './RoomIntro';
import { useMarkReadWhenSeen } from './use-mark-read';
import { useStickToBottom } from './use-stick-to-bottom';
import './MessageList.css';

export interface ListContext {
  /** Accessible name of the log, e.g. "Messages in #general". */
  label: string;
  /** The room as the intro names it, e.g. "#general". */
  title: string;
  roomId: string;
  hasOlder: boolean;
}

/** The message list itself is the log screen readers follow; arrow keys move between messages. */
const LogList = forwardRef<HTMLDivElement, ListProps & { context?: ListContext }>(function LogList({ context, ...props }, ref) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = (event.target as HTMLElement).closest('article');
    if (!current || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || event.target !== current) return;
    const articles = [...event.currentTarget.querySelectorAll('article')];
    const next = articles[articles.indexOf(current) + (event.key === 'ArrowUp' ? -1 : 1)];
    if (next) {
      event.preventDefault();
      next.focus();
      next.scrollIntoView({ block: 'nearest' });
    }
  };
  return <div {...props} ref={ref} role="log" aria-label={context?.label} aria-live="polite" aria-relevant="additions" onKeyDown={onKeyDown} />;
});

const Scroller = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement> & { context?: ListContext }>(function Scroller(
  { context: _context, ...props },
  ref,
) {
  return <div {...props} ref={ref} className="message-list__scroller" />;
});

const COMPONENTS = { List: LogList, Scroller, Header: ListHeader };

/** Where the list opens: on a searched message, at the first unread one, or (null) at the bottom. */
function initialLocation(items: ListItem[], highlightSeq: number | null, unreadAfterSeq: number | null): IndexLocationWithAlign | null {
  const indexOf = (match: (m: Message) => boolean) => items.findIndex((i) => i.kind === 'message' && match(i.message));
  if (highlightSeq !== null) {
    const index = indexOf((m) => m.seq === highlightSeq);
    if (index !== -1) return { index, align: 'center' };
  }
  if (unreadAfterSeq !== null) {
    const index = indexOf((m) => m.seq > unreadAfterSeq);
    if (index > 0) return { index, align: 'start', offset: -48 };
  }
  return null;
}

/**
 * Opening at the bottom scrolls there directly (initialScrollTop) rather than through
 * initialTopMostItemIndex, which waits four frames before it starts. The list stays invisible
 * until it sits at the bottom, so the top of the page never flashes.
 */
const OPEN_AT_BOTTOM = 1e9;
const SETTLE_FALLBACK_MS = 300;

/**
 * Rows drawn beyond the viewport, so scrolling up finds them ready. A list opening at the bottom
 * starts with none above the viewport, so that its first paint only draws what is seen, and grows
 * the margin a step at a time while the window is idle.
 */
const OVERSCAN_STEPS = [0, 200, 400, 600].map((top) => ({ top, bottom: 300 }));
const FULL_OVERSCAN = OVERSCAN_STEPS.length - 1;

const onIdle = (run: () => void): (() => void) => {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(run, 50);
    return () => clearTimeout(timer);
  }
  const id = requestIdleCallback(run, { timeout: 500 });
  return () => cancelIdleCallback(id);
};

export function MessageList({ roomId, title }: { roomId: string; title: string }) {
  const timeline = useMessagesStore((s) => s.timelines[roomId]);
  if (!timeline || (timeline.messages.length === 0 && timeline.hasOlder)) {
    return (
      <div className="message-list message-list--loading">
        <span className="spinner" role="status" aria-label="Loading messages" />
      </div>
    );
  }
  // A replaced window (jump to a search result, back to the latest) starts a fresh list at its own place.
  return <LoadedMessageList key={timeline.epoch} roomId={roomId} title={title} timeline={timeline} />;
}

function LoadedMessageList({ roomId, title, timeline }: { roomId: string; title: string; timeline: Timeline }) {
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const pending = useOutboxStore(selectRoomOutbox(roomId));
  const me = useSessionStore(selectMe);
  const myId = me?.id ?? null;
  const unreadAfterSeq = useUiStore((s) => s.unreadMarkers[roomId] ?? null);
  const highlightSeq = useUiStore((s) => (s.highlight?.roomId === roomId ? s.highlight.seq : null));
  const unreadCount = useRoomsStore((s) => s.rooms[roomId]?.unreadCount ?? 0);

  const { messages, hasOlder, hasNewer } = timeline;
  const items = useMemo(() => buildListItems(messages, pending, !hasNewer), [messages, pending, hasNewer]);
  const lastOwnSeq = useMemo(() => {
    for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.senderId === myId) return messages[i]!.seq;
    return null;
  }, [messages, myId]);
  // Prepending a page of N lowers it by exactly N, so Virtuoso keeps the viewport still.
  const firstItemIndex = timeline.firstIndex;
  const [initialTop] = useState(() => initialLocation(items, highlightSeq, unreadAfterSeq));
  const follow = useStickToBottom(initialTop === null);
  const [settled, setSettled] = useState(initialTop !== null);
  const root = useRef<HTMLDivElement>(null);
  /** Shows the list: at once on the element (no render to wait for), and in state for the renders to come. */
  const settle = useCallback(() => {
    root.current?.classList.remove('message-list--settling');
    setSettled(true);
  }, []);
  useEffect(() => {
    if (settled) return;
    const timer = setTimeout(settle, SETTLE_FALLBACK_MS);
    return () => clearTimeout(timer);
  }, [settled, settle]);
  const [overscan, setOverscan] = useState(initialTop === null ? 0 : FULL_OVERSCAN);
  useEffect(() => {
    if (!settled || overscan === FULL_OVERSCAN) return;
    return onIdle(() => setOverscan((step) => Math.min(step + 1, FULL_OVERSCAN)));
  }, [settled, overscan]);
  const onAtBottom = useCallback(
    (bottom: boolean) => {
      follow.onAtBottom(bottom);
      setAtBottom(bottom);
      if (bottom) settle();
    },
    [follow, settle],
  );

  useMarkReadWhenSeen(roomId, atBottom && !hasNewer ? (messages.at(-1)?.seq ?? null) : null);

  const lastItem = items.at(-1);
  const previousLastKey = useRef(lastItem?.key);
  useLayoutEffect(() => {
    const appended = lastItem?.key !== previousLastKey.current;
    previousLastKey.current = lastItem?.key;
    if (!appended || hasNewer) return;
    // My own new message always brings the list to the bottom; others' only when already there.
    if (lastItem?.kind === 'pending') follow.pinAndStick();
    else follow.stick();
  }, [lastItem, hasNewer, follow]);

  useEffect(() => {
    if (highlightSeq === null) return;
    const index = items.findIndex((i) => i.kind === 'message' && i.message.seq === highlightSeq);
    if (index === -1) return;
    follow.unpin();
    virtuoso.current?.scrollToIndex({ index, align: 'center' });
    // Only when a new highlight is asked for, not when items change under it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlightSeq]);

  const itemContent = useCallback(
    (index: number, item: ListItem) => {
      const position = index - firstItemIndex;
      const layout = rowLayout(items[position - 1], item, unreadAfterSeq, myId);
      const tabbable = position === items.length - 1;
      const row =
        item.kind === 'pending' ? (
          <PendingRow item={item.item} layout={layout} myId={myId ?? ''} myUsername={me?.username ?? null} tabbable={tabbable} />
        ) : (
          <MessageRow
            message={item.message}
            layout={layout}
            myId={myId}
            myUsername={me?.username ?? null}
            highlighted={item.message.seq === highlightSeq}
            showReadBy={item.message.seq === lastOwnSeq}
            tabbable={tabbable}
          />
        );
      if (position > 0 || hasOlder) return row;
      return (
        <>
          <RoomIntro roomId={roomId} title={title} />
          {row}
        </>
      );
    },
    [firstItemIndex, items, unreadAfterSeq, myId, me?.username, highlightSeq, lastOwnSeq, hasOlder, roomId, title],
  );

  const jumpToLatest = () => {
    if (hasNewer) void loadLatest(roomId).catch(reportFailure('jump to the latest messages'));
    else follow.pinAndStick();
  };

  const context = useMemo<ListContext>(() => ({ label: `Messages in ${title}`, title, roomId, hasOlder }), [title, roomId, hasOlder]);

  if (items.length === 0) {
    return (
      <div className="message-list message-list--empty" role="log" aria-label={context.label}>
        <RoomIntro roomId={roomId} title={title} />
      </div>
    );
  }

  return (
    <div ref={root} className={`message-list${settled ? '' : ' message-list--settling'}`}>
      <Virtuoso<ListItem, ListContext>
        ref={virtuoso}
        className="message-list__virtuoso"
        data={items}
        context={context}
        firstItemIndex={firstItemIndex}
        {...(initialTop ? { initialTopMostItemIndex: initialTop } : { initialScrollTop: OPEN_AT_BOTTOM })}
        computeItemKey={(_, item) => item.key}
        itemContent={itemContent}
        components={COMPONENTS}
        startReached={() => void loadOlder(roomId).catch(warnFailure(`load older messages of room ${roomId}`))}
        endReached={() => void loadNewer(roomId).catch(warnFailure(`load newer messages of room ${roomId}`))}
        atBottomStateChange={onAtBottom}
        atBottomThreshold={64}
        scrollerRef={follow.attach}
        totalListHeightChanged={follow.stick}
        increaseViewportBy={OVERSCAN_STEPS[overscan]}
        skipAnimationFrameInResizeObserver
        alignToBottom
      />
      {(!atBottom || hasNewer) && <JumpToLatest unread={unreadCount} onClick={jumpToLatest} />}
    </div>
  );
}
