import { useEffect } from 'react';
import { markRead } from '../../services/receipts';
import { useThreadsStore } from '../../stores/threads';
import { useUiStore } from '../../stores/ui';

/**
 * Marks the room read up to `visibleLatestSeq` (null: the latest message is not in view) while the
 * window has focus; replies take seqs of the room too, so the room is read up to its latest reply
 * seen as well (their threads show what is new in them).
 */
export function useMarkReadWhenSeen(roomId: string, visibleLatestSeq: number | null): void {
  const focused = useUiStore((s) => s.windowFocused);
  const latestReplySeq = useThreadsStore((s) => s.latestReplySeq[roomId] ?? 0);
  useEffect(() => {
    if (focused && visibleLatestSeq !== null) markRead(roomId, Math.max(visibleLatestSeq, latestReplySeq));
  }, [roomId, focused, visibleLatestSeq, latestReplySeq]);
}
