/** Socket.IO room names: every device of a user, and every connected member of a chat room. */
export const userChannel = (userId: string): string => `user:${userId}`;
export const roomChannel = (roomId: string): string => `room:${roomId}`;
