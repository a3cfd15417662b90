import { IPC_EVENTS_CHANNEL, RELAYED_SERVER_EVENTS, type DesktopEvent, type RelayedServerEvent } from '../common/ipc';
import type { ConnectionState, SessionState, Settings } from '../common/ipc';
import type { ClientPayload, ClientResult, Room, ServerEventName, ServerPayload } from '../common/protocol';
import type { DesktopPorts, TrayAction, TrayView, WindowPreferences } from './ports';
import type { ZoomDirection } from './services/app-menu';
import type { BackoffOptions } from './services/backoff';
import { ChangeCatchUp } from './services/change-catch-up';
import { ConnectionService, type ConnectionOptions } from './services/connection-service';
import { deepLinkFromArgv, parseDeepLink } from './services/deep-link';
import { DndScheduleWatcher } from './services/dnd-schedule';
import { DesktopError, errorInfo, SIGNED_OUT_ERROR } from './services/errors';
import { EventBatcher } from './services/event-batcher';
import { safeExternalUrl } from './services/external-url';
import { mainWindowSenderPolicy, registerInvokeHandlers, type InvokeHandlers } from './services/ipc-router';
import { MessageIntake } from './services/message-intake';
import { MuteMigration } from './services/mute-migration';
import { inThread, levelOf, mentionOf } from './services/notification-rules';
import { NotificationService } from './services/notification-service';
import { OutboxService } from './services/outbox-service';
import { PresenceService } from './services/presence-service';
import { DELIVERED_FLUSH_MS, READ_FLUSH_MS, ReceiptBatcher } from './services/receipt-batcher';
import { RoomDirectory } from './services/room-directory';
import { ServerHttpService } from './services/server-http-service';
import { attachmentPath, createAttachmentProxy, proxiedImagePath, type AttachmentProxy } from './services/attachment-proxy';
import { ServerChangeGuard } from './services/server-change-guard';
import { SESSION_END_MESSAGES, SessionService } from './services/session-service';
import { SettingsService } from './services/settings-service';
import { ThreadDirectory } from './services/thread-directory';
import { ThreadUnreadTracker } from './services/thread-unread-tracker';
import { sameTrayView, trayView } from './services/tray-view';
import { UnreadTracker } from './services/unread-tracker';
import { UserDirectory } from './services/user-directory';
import { ViewState } from './services/view-state';
import { nextZoomLevel } from './services/zoom';
import { WakeWatch, type WakeCause, type WakeWatchOptions } from './services/wake-watch';

export interface DesktopOptions {
  version: string;
  platform: string;
  profile: string;
  /** Origins (scheme://host) the main window's pages are served from; IPC from anything else is refused. */
  trustedOrigins: readonly string[];
  /** The origin the window loads attachments from (`<origin>/attachments/<id>`, see attachment-proxy). */
  attachmentOrigin: string;
  connection?: ConnectionOptions;
  outboxRetryBackoff?: BackoffOptions;
  eventBatchIntervalMs?: number;
  idlePollMs?: number;
  wake?: WakeWatchOptions;
}

/** The running desktop app, as the Electron entry (or the harness) drives it. */
export interface DesktopApp {
  start(): Promise<void>;
  /** Shows the window and asks the renderer to open a room. */
  openRoom(roomId: string): void;
  /** A `droplink://` URL from the OS; returns whether it was understood. */
  handleDeepLink(url: string): boolean;
  /** Another launch of the app (single instance): focus this one and follow its deep link. */
  handleSecondInstance(argv: readonly string[]): void;
  /** The window's close button: hides to the tray unless the app is quitting. */
  requestWindowClose(): 'hide' | 'close';
  /** Marks the app as quitting (tray Quit, OS shutdown, Cmd+Q). */
  markQuitting(): void;
  /** View → Zoom in / out / Actual size: the level is kept in the settings. */
  zoom(direction: ZoomDirection): void;
  /** Answers the window's requests under /attachments/ (null for other paths). */
  serveAttachment: AttachmentProxy;
  /** What Help → Copy diagnostics reports: the settings, the session and the connection, as main sees them. */
  snapshot(): { settings: Settings; session: SessionState; connection: ConnectionState };
  /** Flushes pending events and writes, disconnects. */
  dispose(): Promise<void>;
}

const WAKE_CAUSES: Record<WakeCause, string> = {
  resume: 'the system woke up',
  unlock: 'the screen was unlocked',
  network: 'the network changed',
  'clock-jump': 'the clock jumped (the system probably slept)',
};

/**
 * Builds every main-process service from ports. main/index.ts calls it with Electron adapters,
 * the desktop harness with recording ones: everything in here is the same in both.
 */
export function composeDesktopApp(ports: DesktopPorts, options: DesktopOptions): DesktopApp {
  const { clock, log } = ports;
  const batcher = new EventBatcher(clock, (batch) => ports.ipc.send(IPC_EVENTS_CHANNEL, batch), options.eventBatchIntervalMs);
  const emit = (event: DesktopEvent): void => batcher.push(event);

  const settings = new SettingsService(ports.settingsStore, log);
  const session = new SessionService(ports.tokenVault, ports.localServer, log, () => settings.get().serverUrl);
  const serverGuard = new ServerChangeGuard(ports.dialog, () => settings.get().serverUrl);
  const connection = new ConnectionService(clock, log, (token, reason) => void session.expire(reason ? SESSION_END_MESSAGES[reason] : undefined, token), {
    ...options.connection,
    refreshTarget: (target) => session.refreshTarget(target),
  });
  const rooms = new RoomDirectory();
  const unread = new UnreadTracker();
  const threads = new ThreadDirectory();
  const threadUnread = new ThreadUnreadTracker();
  const users = new UserDirectory(connection);
  const view = new ViewState();
  const intake = new MessageIntake(connection, emit, log);
  const changes = new ChangeCatchUp(connection, emit, log);
  const presence = new PresenceService(ports.idle, clock, () => settings.get().autoAwayMinutes, options.idlePollMs);
  const wake = new WakeWatch(ports.wake, clock, options.wake);
  const delivered = new ReceiptBatcher('receipts:delivered', connection, clock, log, DELIVERED_FLUSH_MS);
  const read = new ReceiptBatcher('receipts:read', connection, clock, log, READ_FLUSH_MS);
  const serverHttp = new ServerHttpService(session, emit);
  const outbox = new OutboxService({
    store: ports.outboxStore,
    connection,
    clock,
    log,
    changed: (items) => emit({ type: 'outbox', payload: { items } }),
    sent: (message) => intake.live(message),
    ...(options.outboxRetryBackoff ? { retryBackoff: options.outboxRetryBackoff } : {}),
  });

  let quitting = false;

  const openRoom = (roomId: string): void => {
    ports.window.show();
    emit({ type: 'navigate', payload: { roomId } });
  };
  // Quiet hours: no notifications, and the status shows "do not disturb" if the user wants.
  const dnd = new DndScheduleWatcher(
    clock,
    () => settings.get().dndSchedule,
    () => applyScheduledDnd(),
  );
  const applyScheduledDnd = (): void => presence.setScheduledDnd(dnd.isActive() && settings.get().dndSchedule.showAsDnd);
  // The OS cannot play the bundled sounds: the notification is silent and the window plays it.
  const notificationPort: typeof ports.notifications = {
    show(request) {
      ports.notifications.show(request);
      if (request.sound) emit({ type: 'notification:sound', payload: { sound: request.sound } });
    },
  };
  const notifications = new NotificationService(notificationPort, ports.window, settings, rooms, users, presence, view, threads, openRoom, () =>
    dnd.isActive(),
  );
  const muteMigration = new MuteMigration(
    settings,
    async (roomId) => {
      const ack = await connection.request('rooms:notify', { roomId, level: 'none' });
      if (ack.ok) {
        learnRooms([ack.room]);
        emit({ type: 'room:updated', payload: ack.room });
      }
      return ack.ok;
    },
    log,
  );
  threadUnread.onChange(() => emit({ type: 'threads:unread', payload: { byRoom: threadUnread.snapshot() } }));

  // ---- tray and badge
  let lastTray: TrayView | null = null;
  const renderTray = (): void => {
    const next = trayView({ unreadByRoom: unread.badgeCounts(), status: presence.status() });
    if (sameTrayView(lastTray, next)) return;
    lastTray = next;
    ports.tray.render(next);
  };
  unread.onChange(renderTray);
  ports.tray.onAction((action: TrayAction) => {
    if (action === 'open') ports.window.show();
    else if (action === 'quit') {
      quitting = true;
      ports.system.quit();
    } else presence.choose(action === 'status:online' ? 'online' : action === 'status:away' ? 'away' : 'dnd');
  });

  // ---- presence
  presence.onChange((status) => {
    renderTray();
    if (connection.isOnline()) void connection.request('presence:set', { status });
  });

  // ---- settings side effects
  const windowPreferences = (s: Settings): WindowPreferences => ({ zoomLevel: s.zoomLevel, spellcheckLanguages: s.spellcheckLanguages, devTools: s.devTools });
  settings.onChange((next, previous) => {
    emit({ type: 'settings', payload: next });
    if (next.launchAtLogin !== previous.launchAtLogin || (next.launchAtLogin && next.startHidden !== previous.startHidden)) {
      ports.system.setLoginItem(next.launchAtLogin, next.startHidden);
    }
    if (next.theme !== previous.theme) ports.system.setTheme(next.theme);
    if (
      next.zoomLevel !== previous.zoomLevel ||
      next.devTools !== previous.devTools ||
      next.spellcheckLanguages.join() !== previous.spellcheckLanguages.join()
    ) {
      ports.system.applyWindowPreferences(windowPreferences(next));
    }
    if (JSON.stringify(next.dndSchedule) !== JSON.stringify(previous.dndSchedule)) {
      dnd.check();
      applyScheduledDnd();
    }
    renderTray();
  });

  // ---- session -> connection
  session.onChange((state, target) => {
    emit({ type: 'session', payload: state });
    changes.reset();
    connection.use(target);
    if (target) void outbox.open(target.user.id);
    else {
      outbox.close();
      rooms.clear();
      users.clear();
      unread.reset([]);
      threads.clear();
      threadUnread.clear();
    }
  });
  connection.onState((state) => emit({ type: 'connection', payload: state }));
  // After sleep or a network change the socket may be dead without having closed: check it now, not at the next heartbeat.
  wake.onWake((cause) => {
    void connection.checkNow(WAKE_CAUSES[cause]).then((outcome) => log.info(`connection: checked after ${WAKE_CAUSES[cause]}: ${outcome}`));
  });

  const learnRooms = (list: readonly Room[]): void => {
    for (const room of list) {
      intake.noteRoom(room);
      rooms.upsert(room);
      unread.setLevel(room.id, levelOf(room));
      if (room.lastMessage) threads.note(room.lastMessage);
    }
  };

  connection.onConnected(async () => {
    changes.connecting();
    const ack = await connection.request('rooms:list', {});
    if (!ack.ok) throw new DesktopError(ack.error);
    rooms.replaceAll(ack.rooms);
    unread.reset(ack.rooms);
    await intake.syncAll(ack.rooms);
    // New messages are in; now edits, deletions and reactions made meanwhile to older ones.
    await changes.catchUp(ack.rooms.map((room) => room.id));
    void muteMigration.run(ack.rooms.map((room) => room.id)).catch((err: unknown) => log.warn('mute migration failed', err));
    if (presence.status() !== 'online') void connection.request('presence:set', { status: presence.status() });
    void read.flush();
    void outbox.pump();
  });

  // ---- server pushes
  connection.onServerEvent(<E extends ServerEventName>(name: E, payload: ServerPayload<E>) => {
    const me = session.current()?.user;
    switch (name) {
      case 'message:new':
        intake.live(payload as ServerPayload<'message:new'>);
        return; // the intake forwards it, once
      case 'message:updated':
        changes.seen(payload as ServerPayload<'message:updated'>);
        threads.note(payload as ServerPayload<'message:updated'>);
        break;
      case 'room:updated': {
        const room = payload as ServerPayload<'room:updated'>;
        if (!rooms.get(room.id)) unread.setFromRoom(room);
        learnRooms([room]);
        break;
      }
      case 'room:removed': {
        const { roomId } = payload as ServerPayload<'room:removed'>;
        rooms.remove(roomId);
        unread.remove(roomId);
        threadUnread.forgetRoom(roomId);
        intake.forgetRoom(roomId);
        changes.forgetRoom(roomId);
        break;
      }
      case 'receipt': {
        const receipt = payload as ServerPayload<'receipt'>;
        if (me && receipt.userId === me.id) unread.markRead(receipt.roomId, receipt.readSeq);
        break;
      }
      case 'user:updated': {
        const user = payload as ServerPayload<'user:updated'>;
        users.remember([user]);
        // Changed on another device: the next launch starts from the new name and picture.
        if (me && user.id === me.id) void session.updateUser(user);
        break;
      }
      default:
        break;
    }
    emit({ type: name, payload } as DesktopEvent);
  });

  intake.onArrival((message, via) => {
    changes.seen(message);
    const me = session.current()?.user;
    if (!me) {
      threads.note(message);
      return;
    }
    const fromOther = message.senderId !== me.id;
    const rootId = message.threadRootId ?? null;
    // Judged before this reply joins the directory: taking part means before it.
    const myThread = rootId !== null && inThread(threads.root(rootId), me.id);
    threads.note(message);
    if (fromOther) delivered.note(message.roomId, message.seq);
    const roomVisible = ports.window.isFocused() && view.focusedRoomId === message.roomId;
    const threadVisible = roomVisible && rootId !== null && view.focusedThreadRootId === rootId;
    if (fromOther && myThread && !threadVisible) threadUnread.replyArrived(message.roomId, rootId);
    if (via !== 'live') return; // missed messages are already counted in the room list's unreadCount
    const room = rooms.get(message.roomId);
    const addressed = room?.kind === 'dm' || mentionOf(message.body, me.username, presence.status()) !== null;
    // A reply counts like any message of the room: the window reads the room up to its highest seq, replies included.
    unread.messageArrived(message.roomId, message.seq, fromOther && !roomVisible, addressed);
    if (fromOther) void notifications.messageArrived(message, me).catch((err: unknown) => log.warn('notification failed', err));
  });

  // ---- IPC
  const requireSignedIn = (): void => {
    if (!session.current()) throw new DesktopError(SIGNED_OUT_ERROR);
  };
  const rememberServer = (serverUrl: string): void => {
    if (settings.get().serverUrl !== serverUrl) settings.update({ serverUrl });
  };

  /** What main learns from relayed answers (rooms the user joined or created, user names). */
  const observeRelayed = (name: RelayedServerEvent, args: unknown, result: object): void => {
    if (name === 'rooms:list') {
      const list = (result as ClientResult<'rooms:list'>).rooms;
      for (const room of list) if (!rooms.get(room.id)) unread.setFromRoom(room);
      learnRooms(list);
    } else if (name === 'rooms:leave') {
      const { roomId } = args as ClientPayload<'rooms:leave'>;
      rooms.remove(roomId);
      unread.remove(roomId);
      threadUnread.forgetRoom(roomId);
      changes.forgetRoom(roomId);
    } else if (name === 'users:get') {
      users.remember((result as ClientResult<'users:get'>).users);
    } else if ('room' in result) {
      learnRooms([(result as ClientResult<'rooms:create'>).room]);
    } else if ('messages' in result) {
      changes.seenAll((result as ClientResult<'messages:history'>).messages); // history, sync, search, pinned
      threads.noteAll((result as ClientResult<'messages:history'>).messages);
    } else if ('message' in result) {
      changes.seen((result as ClientResult<'messages:edit'>).message); // edit, delete, react, pin
      threads.note((result as ClientResult<'messages:edit'>).message);
    }
  };

  const relayed = Object.fromEntries(
    RELAYED_SERVER_EVENTS.map((name) => [
      name,
      async (args: unknown) => {
        requireSignedIn();
        const ack = await connection.request(name, args as never);
        if (!ack.ok) throw new DesktopError(ack.error);
        const { ok: _ok, ...result } = ack;
        observeRelayed(name, args, result);
        return result;
      },
    ]),
  ) as Pick<InvokeHandlers, RelayedServerEvent>;

  const handlers: InvokeHandlers = {
    ...relayed,
    'app:info': async () => ({ version: options.version, platform: options.platform, profile: options.profile }),
    'session:get': async () => session.state(),
    'session:register': async ({ serverUrl, ...body }) => {
      await serverGuard.approve(serverUrl, 'sign-in');
      const state = await session.register(serverUrl, body);
      rememberServer(serverUrl);
      return state;
    },
    'session:login': async ({ serverUrl, ...body }) => {
      await serverGuard.approve(serverUrl, 'sign-in');
      const state = await session.login(serverUrl, body);
      rememberServer(serverUrl);
      return state;
    },
    'session:logout': async () => session.logout(),
    'session:logout-everywhere': async () => session.logoutEverywhere(),
    'session:change-password': async ({ currentPassword, newPassword }) => session.changePassword(currentPassword, newPassword),
    'connection:get': async () => connection.getState(),
    'messages:send': async (args) => {
      requireSignedIn();
      return outbox.enqueue(args);
    },
    'outbox:list': async () => ({ items: outbox.list() }),
    'outbox:retry': async ({ clientId }) => {
      await outbox.retry(clientId);
      return {};
    },
    'outbox:discard': async ({ clientId }) => {
      await outbox.discard(clientId);
      return {};
    },
    'receipts:read': async ({ roomId, seq }) => {
      requireSignedIn();
      unread.markRead(roomId, seq);
      read.note(roomId, seq);
      return {};
    },
    'presence:set': async ({ status }) => {
      presence.choose(status);
      return {};
    },
    'users:search': async ({ query }) => serverHttp.searchUsers(query),
    'uploads:start': async (args) => serverHttp.upload(args),
    'files:link': async ({ attachmentId }) => ({ url: `${options.attachmentOrigin}${attachmentPath(attachmentId)}` }),
    'images:link': async ({ path }) => {
      const proxied = proxiedImagePath(path);
      if (!proxied) throw new DesktopError(errorInfo('invalid_input', 'Not an avatar or preview image path.'));
      return { url: `${options.attachmentOrigin}${proxied}` };
    },
    'profile:set-avatar': async (args) => {
      const result = await serverHttp.setAvatar(args);
      await session.updateUser(result.user);
      return result;
    },
    'profile:remove-avatar': async () => {
      const result = await serverHttp.removeAvatar();
      await session.updateUser(result.user);
      return result;
    },
    'settings:get': async () => settings.get(),
    'settings:set': async (patch) => {
      if (patch.serverUrl !== undefined) await serverGuard.approve(patch.serverUrl, 'settings');
      return settings.update(patch);
    },
    'ui:focus-room': async ({ roomId, threadRootId }) => {
      view.focusedRoomId = roomId;
      view.focusedThreadRootId = roomId === null ? null : (threadRootId ?? null);
      if (roomId !== null && view.focusedThreadRootId !== null) threadUnread.seen(roomId, view.focusedThreadRootId);
      return {};
    },
    'threads:unread': async () => ({ byRoom: threadUnread.snapshot() }),
    'shell:open-external': async ({ url }) => {
      const safe = safeExternalUrl(url);
      if (!safe) throw new DesktopError(errorInfo('invalid_input', 'Only http, https and mailto links can be opened.'));
      await ports.system.openExternal(safe);
      return {};
    },
  };
  registerInvokeHandlers(
    ports.ipc,
    handlers,
    mainWindowSenderPolicy(() => ports.window.webContentsId(), options.trustedOrigins),
    log,
  );

  return {
    async start() {
      renderTray();
      ports.system.setTheme(settings.get().theme);
      ports.system.applyWindowPreferences(windowPreferences(settings.get()));
      // Again at each start: the executable's path changes with updates (and AppImages move).
      if (settings.get().launchAtLogin) ports.system.setLoginItem(true, settings.get().startHidden);
      dnd.start();
      applyScheduledDnd();
      // No server configured: start the bundled one now, so a newcomer's "Create account" is instant.
      if (settings.get().serverUrl.trim() === '') void ports.localServer.endpoint().catch((err: unknown) => log.error('local server failed to start', err));
      await session.restore();
      presence.start();
      wake.start();
    },
    openRoom,
    handleDeepLink(url) {
      const link = parseDeepLink(url);
      if (!link) return false;
      openRoom(link.roomId);
      return true;
    },
    handleSecondInstance(argv) {
      const link = deepLinkFromArgv(argv);
      if (link) openRoom(link.roomId);
      else ports.window.show();
    },
    requestWindowClose() {
      if (quitting) return 'close';
      ports.window.hide();
      return 'hide';
    },
    markQuitting() {
      quitting = true;
    },
    zoom(direction) {
      settings.update({ zoomLevel: nextZoomLevel(settings.get().zoomLevel, direction) });
    },
    serveAttachment: createAttachmentProxy(() => session.current()),
    snapshot: () => ({ settings: settings.get(), session: session.state(), connection: connection.getState() }),
    async dispose() {
      presence.stop();
      dnd.stop();
      wake.stop();
      outbox.dispose();
      await read.flush().catch((err: unknown) => log.warn('quit: the last read receipts could not be sent', err));
      delivered.dispose();
      read.dispose();
      connection.dispose();
      batcher.flush();
      batcher.dispose();
      await outbox.settle();
    },
  };
}
