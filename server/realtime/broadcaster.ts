import type { Message, PresenceEvent, Receipt, Room, User } from '../../common/protocol';
import { roomChannel, userChannel } from './channels';
import type { DroplinkServer } from './types';

/** Every server -> client push, addressed through the adapter so it reaches all nodes. */
export class Broadcaster {
  constructor(private readonly io: DroplinkServer) {}

  message(event: 'message:new' | 'message:updated', message: Message): void {
    this.io.to(roomChannel(message.roomId)).emit(event, message);
  }

  /** Each member gets the room as they see it (their own unread count). */
  roomViews(views: ReadonlyMap<string, Room>): void {
    for (const [userId, room] of views) this.io.to(userChannel(userId)).emit('room:updated', room);
  }

  /** A change only the user sees (their own settings for the room): to their devices but the one that made it. */
  roomViewToOtherDevices(userId: string, exceptSocketId: string, room: Room): void {
    this.io.to(userChannel(userId)).except(exceptSocketId).emit('room:updated', room);
  }

  roomRemoved(userId: string, roomId: string): void {
    this.io.to(userChannel(userId)).emit('room:removed', { roomId });
  }

  receipt(receipt: Receipt): void {
    this.io.to(roomChannel(receipt.roomId)).emit('receipt', receipt);
  }

  /** To the room's other members: not to any of the typist's own devices. */
  typing(userId: string, roomId: string, typing: boolean): void {
    this.io.to(roomChannel(roomId)).except(userChannel(userId)).emit('typing', { roomId, userId, typing });
  }

  /** To everyone sharing a room with the user, and the user's own devices. */
  presence(event: PresenceEvent, roomIds: readonly string[]): void {
    this.io.to([userChannel(event.userId), ...roomIds.map(roomChannel)]).emit('presence', event);
  }

  /** A changed profile: to everyone sharing a room with the user, and the user's own devices. */
  userUpdated(user: User, roomIds: readonly string[]): void {
    this.io.to([userChannel(user.id), ...roomIds.map(roomChannel)]).emit('user:updated', user);
  }

  /** Subscribes every connected device of these users (on any node) to the room's pushes. */
  subscribe(userIds: readonly string[], roomId: string): void {
    if (userIds.length > 0) this.io.in(userIds.map(userChannel)).socketsJoin(roomChannel(roomId));
  }

  unsubscribe(userId: string, roomId: string): void {
    this.io.in(userChannel(userId)).socketsLeave(roomChannel(roomId));
  }
}
