import { ProtocolError, type Room } from '../../../common/protocol';
import {
  browseChannels,
  createRoom,
  inviteToRoom,
  joinRoom,
  leaveRoom,
  listRooms,
  openDirectRoom,
  roomForUser,
  roomViewsForMembers,
  updateRoom,
} from '../../services/rooms';
import { removeMember, setMemberRole } from '../../services/room-roles';
import type { Call, HandlerTable } from '../handler';
import type { RealtimeDeps } from '../deps';

type RoomEvents =
  'rooms:list' | 'rooms:browse' | 'rooms:create' | 'rooms:dm' | 'rooms:join' | 'rooms:leave' | 'rooms:invite' | 'rooms:update' | 'rooms:remove' | 'rooms:role';

export function roomHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, RoomEvents> {
  /**
   * After a change to a room's membership or details: subscribes the new members' devices,
   * acks the caller's view and (after the ack) sends every member their own view.
   */
  async function announce(call: Call, roomId: string, newMemberIds: readonly string[] = []): Promise<{ room: Room }> {
    broadcaster.subscribe(newMemberIds, roomId);
    const views = await roomViewsForMembers(ctx.db, roomId);
    const room = views.get(call.userId);
    if (!room) throw new ProtocolError('forbidden', 'you are not a member of this room');
    call.afterAck(() => broadcaster.roomViews(views));
    return { room };
  }

  return {
    'rooms:list': async (_payload, call) => ({ rooms: await listRooms(ctx.db, call.userId) }),

    'rooms:browse': async (payload, call) => browseChannels(ctx.db, call.userId, payload),

    'rooms:create': async (payload, call) => {
      const { roomId, memberIds } = await createRoom(ctx.db, call.userId, payload);
      return announce(call, roomId, memberIds);
    },

    'rooms:dm': async ({ userId }, call) => {
      const { roomId, created, memberIds } = await openDirectRoom(ctx.db, call.userId, userId);
      if (created) return announce(call, roomId, memberIds);
      return { room: await roomForUser(ctx.db, roomId, call.userId) };
    },

    'rooms:join': async ({ roomId }, call) => {
      await joinRoom(ctx.db, call.userId, roomId);
      return announce(call, roomId, [call.userId]);
    },

    'rooms:invite': async ({ roomId, userIds }, call) => {
      await inviteToRoom(ctx.db, call.userId, roomId, userIds);
      return announce(call, roomId, userIds);
    },

    'rooms:update': async (payload, call) => {
      await updateRoom(ctx.db, call.userId, payload);
      return announce(call, payload.roomId);
    },

    'rooms:role': async (payload, call) => {
      await setMemberRole(ctx.db, call.userId, payload);
      return announce(call, payload.roomId);
    },

    'rooms:remove': async (payload, call) => {
      await removeMember(ctx.db, call.userId, payload);
      broadcaster.unsubscribe(payload.userId, payload.roomId);
      const result = await announce(call, payload.roomId);
      call.afterAck(() => broadcaster.roomRemoved(payload.userId, payload.roomId));
      return result;
    },

    'rooms:leave': async ({ roomId }, call) => {
      await leaveRoom(ctx.db, call.userId, roomId);
      broadcaster.unsubscribe(call.userId, roomId);
      const remaining = await roomViewsForMembers(ctx.db, roomId);
      call.afterAck(() => {
        broadcaster.roomRemoved(call.userId, roomId);
        broadcaster.roomViews(remaining);
      });
      return {};
    },
  };
}
