/**
 * Creates a load generator's share of Droplink's users and rooms through the public API: users
 * are registered over HTTP (`POST /api/auth/register`), each room is created by its first member
 * as a group with the others (`rooms:create`).
 */
import { io } from 'socket.io-client';
import { AuthResponseSchema, type Ack, API_PATHS } from '../../common/protocol';

export interface SeededUser {
  userId: string;
  token: string;
}

const PASSWORD = 'bench password, not secret';
/** Password hashing is CPU bound on the server: a few at a time. */
const REGISTER_PARALLEL = 4;

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function registerUser(url: string, username: string): Promise<SeededUser> {
  const res = await fetch(url + API_PATHS.register, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`register ${username}: HTTP ${res.status} ${text.slice(0, 300)}`);
  const { user, token } = AuthResponseSchema.parse(JSON.parse(text));
  return { userId: user.id, token };
}

export function registerUsers(url: string, usernames: readonly string[]): Promise<SeededUser[]> {
  return mapLimit(usernames, REGISTER_PARALLEL, (username) => registerUser(url, username));
}

/** The owner creates the group with the other members in it; resolves with the room id. */
export async function createGroup(url: string, owner: SeededUser, others: readonly SeededUser[], name: string): Promise<string> {
  const socket = io(url, { auth: { token: owner.token }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error: Error) => reject(new Error(`connect_error: ${error.message}`)));
    });
    const ack = (await socket
      .timeout(30_000)
      .emitWithAck('rooms:create', { kind: 'group', name, memberIds: others.map((u) => u.userId) })) as Ack<'rooms:create'>;
    if (!ack.ok) throw new Error(`rooms:create: ${ack.error.code}: ${ack.error.message}`);
    return ack.room.id;
  } finally {
    socket.disconnect();
  }
}
