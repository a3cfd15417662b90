import { useCallback, useMemo, useRef, useState } from 'react';

const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);
const POSITIONING_MS = 1_500;

/**
 * Keeps the list pinned to its bottom while new messages arrive. Virtuoso's own followOutput
 * scrolls to an offset estimated from rows it never measured, then corrects as they are
 * measured, and so falls behind a fast stream. Here the list is pinned while at the bottom,
 * re-pinned whenever its height changes, and unpinned only by the user scrolling up.
 */
export function useStickToBottom(initiallyPinned: boolean) {
  const node = useRef<HTMLElement | null>(null);
  const pinned = useRef(initiallyPinned);
  // A list opened on a given message passes the bottom while it positions itself (and pages in
  // newer messages): that must not pin it. The user reaching the bottom later does.
  const [armedAt] = useState(() => (initiallyPinned ? 0 : performance.now() + POSITIONING_MS));

  const stick = useCallback(() => {
    const scroller = node.current;
    if (scroller && pinned.current) scroller.scrollTop = scroller.scrollHeight;
  }, []);

  const onUserScrollIntent = useCallback((event: Event) => {
    if (event instanceof WheelEvent && event.deltaY >= 0) return;
    if (event instanceof KeyboardEvent && !UP_KEYS.has(event.key)) return;
    pinned.current = false;
  }, []);

  const attach = useCallback(
    (element: HTMLElement | Window | null) => {
      const previous = node.current;
      if (previous) for (const type of ['wheel', 'keydown', 'mousedown', 'touchmove'] as const) previous.removeEventListener(type, onUserScrollIntent);
      node.current = element instanceof HTMLElement ? element : null;
      if (node.current)
        for (const type of ['wheel', 'keydown', 'mousedown', 'touchmove'] as const) node.current.addEventListener(type, onUserScrollIntent, { passive: true });
    },
    [onUserScrollIntent],
  );

  /** Virtuoso reports reaching (or leaving) the bottom; only reaching it pins. */
  const onAtBottom = useCallback(
    (atBottom: boolean) => {
      if (atBottom && performance.now() >= armedAt) pinned.current = true;
    },
    [armedAt],
  );

  /** Stops following new messages (the list was scrolled to a message on purpose). */
  const unpin = useCallback(() => {
    pinned.current = false;
  }, []);

  /** Pins and jumps to the bottom (my own message, "jump to latest"). */
  const pinAndStick = useCallback(() => {
    pinned.current = true;
    stick();
    requestAnimationFrame(stick);
  }, [stick]);

  return useMemo(() => ({ attach, stick, onAtBottom, pinAndStick, unpin }), [attach, stick, onAtBottom, pinAndStick, unpin]);
}
