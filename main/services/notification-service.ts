import type { Message, User } from '../../common/protocol';
import type { NotificationPort, WindowPort } from '../ports';
import { notificationContent, notificationDecision } from './notification-rules';
import type { PresenceService } from './presence-service';
import type { RoomDirectory } from './room-directory';
import type { SettingsService } from './settings-service';
import type { ThreadDirectory, ThreadFields } from './thread-directory';
import type { UserDirectory } from './user-directory';
import type { ViewState } from './view-state';

/** Shows a native notification for a live message when the rules say so; a click opens its room. */
export class NotificationService {
  constructor(
    private readonly port: NotificationPort,
    private readonly window: WindowPort,
    private readonly settings: SettingsService,
    private readonly rooms: RoomDirectory,
    private readonly users: UserDirectory,
    private readonly presence: PresenceService,
    private readonly view: ViewState,
    private readonly threads: ThreadDirectory,
    private readonly openRoom: (roomId: string) => void,
    /** The do-not-disturb schedule is running. */
    private readonly scheduledDnd: () => boolean = () => false,
  ) {}

  async messageArrived(message: Message & ThreadFields, me: User): Promise<void> {
    const settings = this.settings.get();
    const room = this.rooms.get(message.roomId);
    const decision = notificationDecision({
      message,
      room,
      threadRoot: message.threadRootId ? this.threads.root(message.threadRootId) : null,
      me,
      status: this.presence.status(),
      windowFocused: this.window.isFocused(),
      focusedRoomId: this.view.focusedRoomId,
      focusedThreadRootId: this.view.focusedThreadRootId,
      notificationsEnabled: settings.notifications.enabled,
      scheduledDnd: this.scheduledDnd(),
    });
    if (!decision.notify) return;
    const senderName = settings.notifications.showPreview ? await this.users.displayName(message.senderId) : '';
    const content = notificationContent({
      senderName,
      room,
      body: message.body,
      attachmentCount: message.attachments.length,
      showPreview: settings.notifications.showPreview,
    });
    const sound = settings.notifications.sound ? settings.notificationSound : null;
    this.port.show({
      ...content,
      roomId: message.roomId,
      silent: sound !== 'default',
      sound: sound === 'default' ? null : sound,
      onClick: () => this.openRoom(message.roomId),
    });
  }
}
