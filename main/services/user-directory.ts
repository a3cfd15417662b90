import type { User } from '../../common/protocol';
import type { ConnectionService } from './connection-service';

/** Display names for notifications, looked up once per user and cached. */
export class UserDirectory {
  private readonly users = new Map<string, User>();

  constructor(private readonly connection: Pick<ConnectionService, 'request'>) {}

  remember(users: readonly User[]): void {
    for (const user of users) this.users.set(user.id, user);
  }

  async displayName(userId: string): Promise<string> {
    const known = this.users.get(userId);
    if (known) return known.displayName || known.username;
    const ack = await this.connection.request('users:get', { userIds: [userId] });
    if (ack.ok) this.remember(ack.users);
    const user = this.users.get(userId);
    return user ? user.displayName || user.username : 'Someone';
  }

  clear(): void {
    this.users.clear();
  }
}
