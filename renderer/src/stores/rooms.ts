import { create } from 'zustand';
import type { Message, Room } from '../shared/contract';

interface RoomsStore {
  rooms: Record<string, Room>;
  loaded: boolean;
  setRooms: (rooms: Room[]) => void;
  upsertRoom: (room: Room) => void;
  removeRoom: (roomId: string) => void;
  /** A new message arrived (live or synced): moves lastSeq/lastMessage and counts it as unread when from someone else. */
  noteMessages: (roomId: string, messages: Message[], myId: string | null) => void;
  /** An edit, delete or reaction: refreshes the preview if it is the room's last message. */
  noteUpdate: (message: Message) => void;
  /** We read the room up to seq. */
  markRead: (roomId: string, seq: number) => void;
  reset: () => void;
}

export const readSeqOf = (room: Room): number => room.readSeq ?? Math.max(0, room.lastSeq - room.unreadCount);

export const useRoomsStore = create<RoomsStore>()((set) => ({
  rooms: {},
  loaded: false,
  setRooms: (list) => set({ rooms: Object.fromEntries(list.map((r) => [r.id, r])), loaded: true }),
  upsertRoom: (room) => set((s) => ({ rooms: { ...s.rooms, [room.id]: room } })),
  removeRoom: (roomId) =>
    set((s) => {
      if (!(roomId in s.rooms)) return s;
      const { [roomId]: _gone, ...rooms } = s.rooms;
      return { rooms };
    }),
  noteMessages: (roomId, messages, myId) =>
    set((s) => {
      const room = s.rooms[roomId];
      if (!room) return s;
      let { lastSeq, lastMessage, unreadCount } = room;
      let readSeq = readSeqOf(room);
      for (const m of messages) {
        if (m.seq <= lastSeq && lastMessage && m.seq <= lastMessage.seq) continue;
        lastSeq = Math.max(lastSeq, m.seq);
        lastMessage = m;
        if (m.senderId === myId) readSeq = Math.max(readSeq, m.seq);
        else if (m.seq > readSeq) unreadCount += 1;
      }
      if (lastSeq === room.lastSeq && lastMessage === room.lastMessage) return s;
      return { rooms: { ...s.rooms, [roomId]: { ...room, lastSeq, lastMessage, unreadCount, readSeq } } };
    }),
  noteUpdate: (message) =>
    set((s) => {
      const room = s.rooms[message.roomId];
      if (!room || room.lastMessage?.id !== message.id) return s;
      return { rooms: { ...s.rooms, [room.id]: { ...room, lastMessage: message } } };
    }),
  markRead: (roomId, seq) =>
    set((s) => {
      const room = s.rooms[roomId];
      if (!room || readSeqOf(room) >= seq) return s;
      // Own messages never count as unread, so anything past seq still unread was sent by others.
      const unreadCount = seq >= room.lastSeq ? 0 : Math.min(room.unreadCount, room.lastSeq - seq);
      return { rooms: { ...s.rooms, [roomId]: { ...room, readSeq: seq, unreadCount } } };
    }),
  reset: () => set({ rooms: {}, loaded: false }),
}));
