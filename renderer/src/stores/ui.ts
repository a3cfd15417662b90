import { create } from 'zustand';
import type { Attachment, Message } from '../shared/contract';

type Dialog =
  | { kind: 'create-room'; roomKind: 'channel' | 'group' }
  | { kind: 'browse-channels' }
  | { kind: 'new-dm' }
  | { kind: 'invite'; roomId: string }
  | { kind: 'settings' }
  | { kind: 'quick-switcher' }
  | { kind: 'search' }
  | { kind: 'image'; attachment: Attachment }
  | { kind: 'delete-message'; message: Message }
  | { kind: 'members'; roomId: string }
  | { kind: 'room-details'; roomId: string }
  | { kind: 'leave-room'; roomId: string }
  | { kind: 'profile' };

interface UiStore {
  activeRoomId: string | null;
  dialog: Dialog | null;
  /** The message the composer is editing, per room. */
  editing: { roomId: string; messageId: string } | null;
  /** A message opened from search, highlighted for a moment. */
  highlight: { roomId: string; seq: number } | null;
  /** Where the "new messages" line sits: the room's read position when it was opened. */
  unreadMarkers: Record<string, number>;
  windowFocused: boolean;
  /** `unreadAfterSeq`: where to draw the "new messages" line, when something was unread. */
  openRoom: (roomId: string | null, unreadAfterSeq?: number) => void;
  clearUnreadMarker: (roomId: string) => void;
  openDialog: (dialog: Dialog) => void;
  closeDialog: () => void;
  startEditing: (roomId: string, messageId: string) => void;
  stopEditing: () => void;
  setHighlight: (highlight: { roomId: string; seq: number } | null) => void;
  setWindowFocused: (focused: boolean) => void;
  reset: () => void;
}

export const useUiStore = create<UiStore>()((set) => ({
  activeRoomId: null,
  dialog: null,
  editing: null,
  highlight: null,
  unreadMarkers: {},
  windowFocused: true,
  openRoom: (roomId, unreadAfterSeq) =>
    set((s) => {
      if (roomId === s.activeRoomId) return s;
      const unreadMarkers = { ...s.unreadMarkers };
      if (roomId) {
        if (unreadAfterSeq === undefined) delete unreadMarkers[roomId];
        else unreadMarkers[roomId] = unreadAfterSeq;
      }
      return { activeRoomId: roomId, unreadMarkers, editing: null };
    }),
  clearUnreadMarker: (roomId) =>
    set((s) => {
      if (!(roomId in s.unreadMarkers)) return s;
      const { [roomId]: _gone, ...unreadMarkers } = s.unreadMarkers;
      return { unreadMarkers };
    }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  startEditing: (roomId, messageId) => set({ editing: { roomId, messageId } }),
  stopEditing: () => set({ editing: null }),
  setHighlight: (highlight) => set({ highlight }),
  setWindowFocused: (windowFocused) => set({ windowFocused }),
  reset: () => set({ activeRoomId: null, dialog: null, editing: null, highlight: null, unreadMarkers: {} }),
}));
