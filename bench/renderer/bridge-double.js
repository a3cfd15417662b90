/**
 * A stand-in for the preload's `window.droplink`, injected before the renderer loads. It answers
 * invokes the way main does for a signed-in user whose "archive" room holds ROOM_SIZE messages
 * (generated on demand, page by page, like history coming from the server), and lets the
 * benchmark push DesktopEvents through `window.__bench.emit(events)`.
 */
(() => {
  const ROOM_SIZE = 100_000;
  const IPC_DELAY_MS = 1;
  const id = (n) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  const ME = id(1);
  const PEOPLE = [ME, id(2), id(3), id(4), id(5)];
  const NAMES = ['Bench Runner', 'Alice Archer', 'Bob Baker', 'Carol Chen', 'Dan Diaz'];
  const ARCHIVE = id(100);
  const LOBBY = id(101);
  const START = Date.now() - ROOM_SIZE * 30_000;
  const WORDS = 'the quick brown fox jumps over a lazy dog while **release notes** and `builds` ship on time with @alice reviewing https://example.com/docs'.split(' ');

  const user = (uid, i) => ({ id: uid, username: NAMES[i].split(' ')[0].toLowerCase(), displayName: NAMES[i], status: 'online', lastSeenAt: null });
  const users = PEOPLE.map(user);

  function message(roomId, seq) {
    const sender = PEOPLE[(seq * 7) % PEOPLE.length];
    const length = 4 + ((seq * 13) % 22);
    const words = [];
    for (let i = 0; i < length; i++) words.push(WORDS[(seq + i * 5) % WORDS.length]);
    return {
      id: id(1_000_000 + seq),
      roomId,
      seq,
      senderId: sender,
      clientId: id(5_000_000 + seq),
      body: words.join(' '),
      attachments: [],
      reactions: seq % 9 === 0 ? { '👍': [id(2), id(3)] } : {},
      createdAt: new Date(START + seq * 30_000).toISOString(),
      editedAt: null,
      deletedAt: null,
    };
  }

  const state = { lastSeq: ROOM_SIZE };
  const room = (roomId, name, lastSeq) => ({
    id: roomId,
    kind: 'channel',
    name,
    topic: null,
    memberIds: PEOPLE,
    lastSeq,
    unreadCount: 0,
    readSeq: lastSeq,
    lastMessage: lastSeq ? message(roomId, lastSeq) : null,
    createdAt: new Date(START).toISOString(),
  });

  const range = (roomId, from, to) => {
    const out = [];
    for (let seq = Math.max(1, from); seq <= to; seq++) out.push(message(roomId, seq));
    return out;
  };
  const lastOf = (roomId) => (roomId === ARCHIVE ? state.lastSeq : 3);

  const handlers = {
    'session:get': () => ({ status: 'signedIn', serverUrl: 'http://127.0.0.1:4000', user: users[0] }),
    'connection:get': () => ({ status: 'online', retryAt: null, reason: null }),
    'outbox:list': () => ({ items: [] }),
    'settings:get': () => ({
      serverUrl: '',
      notifications: { enabled: true, showPreview: true, sound: true },
      mutedRoomIds: [],
      launchAtLogin: false,
      theme: 'system',
      autoAwayMinutes: 10,
    }),
    'rooms:list': () => ({ rooms: [room(ARCHIVE, 'archive', state.lastSeq), room(LOBBY, 'announcements', 3)] }),
    'users:get': ({ userIds }) => ({ users: users.filter((u) => userIds.includes(u.id)) }),
    'messages:history': ({ roomId, before, limit = 50 }) => {
      const end = (before ?? lastOf(roomId) + 1) - 1;
      return { messages: range(roomId, end - limit + 1, end), hasMore: end - limit + 1 > 1 };
    },
    'messages:sync': ({ roomId, after, limit = 200 }) => {
      const end = Math.min(lastOf(roomId), after + limit);
      return { messages: range(roomId, after + 1, end), hasMore: end < lastOf(roomId) };
    },
    'receipts:list': ({ roomId }) => ({ receipts: PEOPLE.slice(1).map((userId) => ({ roomId, userId, deliveredSeq: lastOf(roomId), readSeq: lastOf(roomId) - 5 })) }),
  };

  const listeners = new Set();
  window.droplink = {
    invoke(name, args) {
      const handler = handlers[name];
      const value = handler ? handler(args) : {};
      return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value }), IPC_DELAY_MS));
    },
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  window.__bench = {
    ARCHIVE,
    ROOM_SIZE,
    /** Pushes one batch of live messages into the archive room, as main does. */
    emitMessages(count) {
      const events = [];
      for (let i = 0; i < count; i++) {
        state.lastSeq += 1;
        events.push({ type: 'message:new', payload: { ...message(ARCHIVE, state.lastSeq), createdAt: new Date().toISOString() } });
      }
      for (const listener of listeners) listener(events);
      return state.lastSeq;
    },
  };
})();
