import { useEffect } from 'react';
import { markRead } from '../../services/receipts';
import { useUiStore } from '../../stores/ui';

/** Marks the room read up to `visibleLatestSeq` (null: the latest message is not in view) while the window has focus. */
export function useMarkReadWhenSeen(roomId: string, visibleLatestSeq: number | null): void {
  const focused = useUiStore((s) => s.windowFocused);
  useEffect(() => {
    if (focused && visibleLatestSeq !== null) markRead(roomId, visibleLatestSeq);
  }, [roomId, focused, visibleLatestSeq]);
}
