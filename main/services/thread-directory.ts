import type { Message } from '../../common/protocol';
import type { ThreadRootInfo } from './notification-rules';

/** The v1.1 thread fields, optional so that messages from v1 servers pass through unchanged. */
export type ThreadFields = {
  threadRootId?: string | null;
  thread?: { replyCount: number; lastReplyAt: string | null; participantIds: string[] } | null;
};

const MAX_ROOTS = 5_000;

/**
 * Who wrote and who replied to each thread root main has seen (history pages, pushes, its own
 * sends), so that a live reply can be judged without asking the server: participants are the
 * root's sender, the root's `thread.participantIds` and the sender of every reply seen since.
 * A root main never saw is unknown (null). Bounded: the oldest roots are forgotten first.
 */
export class ThreadDirectory {
  private readonly roots = new Map<string, { senderId: string | null; participantIds: Set<string> }>();

  note(message: Pick<Message, 'id' | 'senderId'> & ThreadFields): void {
    if (message.threadRootId) {
      this.entry(message.threadRootId).participantIds.add(message.senderId);
      return;
    }
    const root = this.entry(message.id);
    root.senderId = message.senderId;
    for (const id of message.thread?.participantIds ?? []) root.participantIds.add(id);
  }

  noteAll(messages: readonly (Pick<Message, 'id' | 'senderId'> & ThreadFields)[]): void {
    for (const message of messages) this.note(message);
  }

  root(rootId: string): ThreadRootInfo | null {
    const root = this.roots.get(rootId);
    return root ? { senderId: root.senderId, participantIds: [...root.participantIds] } : null;
  }

  clear(): void {
    this.roots.clear();
  }

  private entry(rootId: string): { senderId: string | null; participantIds: Set<string> } {
    let root = this.roots.get(rootId);
    if (!root) {
      root = { senderId: null, participantIds: new Set() };
      this.roots.set(rootId, root);
      if (this.roots.size > MAX_ROOTS) this.roots.delete(this.roots.keys().next().value!);
    }
    return root;
  }
}
