import { ProtocolError } from '../../common/protocol';
import type { Logger } from '../logger';
import { GroupCommitQueue, type Waiting as GenericWaiting } from './group-commit-queue';
import { StaleBatchError, type SendOutcome, type SendRequest, type SendResult } from './send-batch-writer';

type WriteBatch = (requests: readonly SendRequest[]) => Promise<SendOutcome[]>;

export interface SendBatcherOptions {
  /** Sends waiting for a commit beyond which new ones are refused with `rate_limited`. */
  maxQueue: number;
  /** Most sends written by one transaction. */
  maxBatch: number;
  /** Batches committed at the same time, each for its own share of the rooms (1: one at a time). */
  lanes?: number;
  logger: Logger;
}

type Waiting = GenericWaiting<SendRequest, SendResult>;

/** How often a batch that raced a concurrent commit is tried again before its sends are refused. */
const STALE_ATTEMPTS = 3;
const busy = () => new ProtocolError('rate_limited', 'the server is busy; send the message again in a moment');
const notStored = () => new ProtocolError('rate_limited', 'the message could not be stored; send it again');
const pairKey = (request: SendRequest) => `${request.senderId}:${request.clientId}`;

/** Which lane a room's sends always take: FNV-1a over the room id, with a final mix (FNV's low bits alone are weak). */
function laneOf(roomId: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < roomId.length; i++) hash = Math.imul(hash ^ roomId.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) % lanes;
}

/**
 * Group commit for `messages:send`: per lane, one transaction at a time, covering every send
 * that arrived while the previous one was committing. When idle a send is written at once (the
 * batch is what arrived in the same turn of the event loop); under load batches grow by
 * themselves. Rooms are spread over the lanes by id, so a room's sends keep their order while
 * other rooms' batches commit beside them (on PostgreSQL, over other pool connections; the rooms
 * of two lanes never overlap, so they never wait on each other's row locks on this node). A send
 * is resolved only after its batch committed; a batch that fails as a whole resolves none of its
 * sends and refuses each with a retryable error.
 */
export class SendBatcher {
  private readonly lanes: Array<GroupCommitQueue<SendRequest, SendResult>>;

  constructor(
    private readonly write: WriteBatch,
    private readonly options: SendBatcherOptions,
  ) {
    this.lanes = Array.from(
      { length: Math.max(1, options.lanes ?? 1) },
      () => new GroupCommitQueue((batch) => this.commit(batch), { maxBatch: options.maxBatch }),
    );
  }

  submit(request: SendRequest): Promise<SendResult> {
    // maxQueue counts every lane's waiting sends: the bound on memory and on waiting time is the server's.
    if (this.lanes.reduce((sum, lane) => sum + lane.waiting, 0) >= this.options.maxQueue) return Promise.reject(busy());
    return this.lanes[laneOf(request.roomId, this.lanes.length)]!.submit(request);
  }

  private async commit(batch: Waiting[]): Promise<void> {
    // The same (sender, clientId) twice in one batch is one message: the first is written, the others share its outcome.
    const leaders = new Map<string, Waiting>();
    const followers = new Map<Waiting, Waiting[]>();
    for (const waiting of batch) {
      const leader = leaders.get(pairKey(waiting.request));
      if (leader) followers.get(leader)?.push(waiting);
      else {
        leaders.set(pairKey(waiting.request), waiting);
        followers.set(waiting, []);
      }
    }
    let pending = this.refuseSharedAttachments([...leaders.values()], followers);

    for (let attempt = 1; pending.length > 0; attempt++) {
      try {
        const outcomes = await this.write(pending.map((w) => w.request));
        pending.forEach((waiting, i) => settle(waiting, followers.get(waiting) ?? [], outcomes[i] ?? { error: notStored() }));
        return;
      } catch (error) {
        if (error instanceof StaleBatchError && attempt < STALE_ATTEMPTS) {
          pending = pending.filter((waiting) => {
            const refusal = error.refused.get(waiting.request);
            if (refusal) settle(waiting, followers.get(waiting) ?? [], { error: refusal });
            return !refusal;
          });
          continue;
        }
        this.options.logger.warn({ err: error, sends: pending.length }, 'a batch of messages could not be stored; its senders were told to retry');
        for (const waiting of pending) settle(waiting, followers.get(waiting) ?? [], { error: notStored() });
        return;
      }
    }
  }

  /** Two messages of one batch claiming the same upload: the later one is refused before writing. */
  private refuseSharedAttachments(leaders: Waiting[], followers: Map<Waiting, Waiting[]>): Waiting[] {
    const claimed = new Set<string>();
    return leaders.filter((waiting) => {
      const ids = waiting.request.attachments.map((a) => a.id);
      if (ids.some((id) => claimed.has(id))) {
        settle(waiting, followers.get(waiting) ?? [], { error: new ProtocolError('conflict', 'an attachment is already on another message') });
        return false;
      }
      for (const id of ids) claimed.add(id);
      return true;
    });
  }
}

function settle(leader: Waiting, followers: readonly Waiting[], outcome: SendOutcome): void {
  if ('error' in outcome) {
    leader.reject(outcome.error);
    for (const follower of followers) follower.reject(outcome.error);
    return;
  }
  leader.resolve(outcome);
  for (const follower of followers) {
    if (follower.request.roomId === outcome.message.roomId) follower.resolve({ message: outcome.message, created: false });
    else follower.reject(new ProtocolError('conflict', 'this clientId was already used in another room'));
  }
}
