import { v7 as uuidv7 } from 'uuid';
import { OutboxItemSchema, type OutboxItem } from '../../common/ipc';
import type { ErrorCode, Message } from '../../common/protocol';
import type { Clock, Logger, OutboxStore, TimerHandle } from '../ports';
import { backoffDelay, type BackoffOptions } from './backoff';
import type { ConnectionService } from './connection-service';
import { DesktopError, errorInfo, SIGNED_OUT_ERROR } from './errors';

/** Failures that sending again cannot fix: the item turns `failed` until the user acts. */
const PERMANENT_SEND_ERRORS: ReadonlySet<ErrorCode> = new Set(['invalid_input', 'forbidden', 'not_found', 'too_large']);

const OUTBOX_RETRY_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, jitter: 0.2 };

export interface OutboxDeps {
  store: OutboxStore;
  connection: Pick<ConnectionService, 'request' | 'isOnline'>;
  clock: Clock;
  log: Logger;
  /** Called with the whole outbox after every change. */
  changed(items: OutboxItem[]): void;
  /** Called with the stored message of every acked send. */
  sent(message: Message): void;
  newClientId?: () => string;
  retryBackoff?: BackoffOptions;
}

/**
 * Messages the user sent, until the server has stored them. Persisted on every change, sent
 * strictly in order, one at a time; a transient failure stops the queue (order matters) and
 * retries later, a permanent one marks that item failed and moves on. The clientId makes a
 * resend after a lost ack harmless: the server returns the message it already stored.
 */
export class OutboxService {
  private items: OutboxItem[] = [];
  private owner: string | null = null;
  private pumping = false;
  private pumpAgain = false;
  private retryTimer: TimerHandle | null = null;
  private transientFailures = 0;
  private saving: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: OutboxDeps) {}

  /** Loads the outbox of the user who just signed in and starts sending it when online. */
  async open(userId: string): Promise<void> {
    this.owner = userId;
    let stored: unknown;
    try {
      stored = await this.deps.store.load(userId);
    } catch (err) {
      this.deps.log.warn('outbox: the stored outbox could not be read; starting empty', err);
    }
    const list = Array.isArray(stored) ? stored : [];
    this.items = list.flatMap((raw) => {
      const item = OutboxItemSchema.safeParse(raw);
      if (!item.success) return [];
      // A send interrupted by a quit may or may not have been stored: the clientId makes resending safe.
      return [{ ...item.data, status: item.data.status === 'sending' ? 'queued' : item.data.status }];
    });
    if (this.items.length !== list.length) this.deps.log.warn('outbox: dropped invalid stored items');
    this.deps.changed(this.list());
    void this.pump();
  }

  /** Signed out: the items stay on disk for when this user signs in again. */
  close(): void {
    this.owner = null;
    this.items = [];
    this.deps.changed([]);
  }

  list(): OutboxItem[] {
    return this.items.map((item) => ({ ...item }));
  }

  async enqueue(input: { roomId: string; body: string; attachmentIds?: string[]; threadRootId?: string }): Promise<OutboxItem> {
    if (this.owner === null) throw new DesktopError(SIGNED_OUT_ERROR);
    const attachmentIds = input.attachmentIds ?? [];
    if (input.body.trim() === '' && attachmentIds.length === 0) {
      throw new DesktopError(errorInfo('invalid_input', 'A message needs some text or an attachment.'));
    }
    const item: OutboxItem = {
      clientId: (this.deps.newClientId ?? uuidv7)(),
      roomId: input.roomId,
      body: input.body,
      attachmentIds,
      ...(input.threadRootId ? { threadRootId: input.threadRootId } : {}),
      createdAt: new Date(this.deps.clock.now()).toISOString(),
      status: 'queued',
      attempts: 0,
      error: null,
    };
    this.items.push(item);
    await this.commit();
    void this.pump();
    return { ...item };
  }

  async retry(clientId: string): Promise<void> {
    const item = this.find(clientId);
    if (item.status !== 'failed') return;
    item.status = 'queued';
    item.error = null;
    await this.commit();
    void this.pump();
  }

  async discard(clientId: string): Promise<void> {
    const item = this.find(clientId);
    this.items = this.items.filter((other) => other !== item);
    await this.commit();
  }

  /** Sends queued items while online; safe to call any time (reconnect, enqueue, retry timer). */
  async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        await this.sendQueued();
      } while (this.pumpAgain && !this.disposed);
    } finally {
      this.pumping = false;
    }
  }

  /** Waits for pending writes (before quitting). */
  async settle(): Promise<void> {
    await this.saving;
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer !== null) this.deps.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async sendQueued(): Promise<void> {
    for (;;) {
      if (this.disposed || this.owner === null || !this.deps.connection.isOnline()) return;
      const item = this.items.find((candidate) => candidate.status !== 'failed');
      if (!item) return;
      item.status = 'sending';
      item.attempts += 1;
      await this.commit();
      const ack = await this.deps.connection.request('messages:send', {
        roomId: item.roomId,
        clientId: item.clientId,
        body: item.body,
        ...(item.attachmentIds.length > 0 ? { attachmentIds: item.attachmentIds } : {}),
        ...(item.threadRootId ? { threadRootId: item.threadRootId } : {}),
      });
      if (!this.items.includes(item)) continue; // discarded meanwhile
      if (ack.ok) {
        this.transientFailures = 0;
        this.items = this.items.filter((other) => other !== item);
        await this.commit();
        this.deps.sent(ack.message);
        continue;
      }
      if (PERMANENT_SEND_ERRORS.has(ack.error.code)) {
        item.status = 'failed';
        item.error = ack.error;
        await this.commit();
        continue;
      }
      item.status = 'queued';
      await this.commit();
      this.scheduleRetry();
      return;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null || this.disposed) return;
    const delay = backoffDelay(this.transientFailures, this.deps.retryBackoff ?? OUTBOX_RETRY_BACKOFF);
    this.transientFailures += 1;
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.pump();
    }, delay);
  }

  private find(clientId: string): OutboxItem {
    const item = this.items.find((candidate) => candidate.clientId === clientId);
    if (!item) throw new DesktopError(errorInfo('not_found', 'That message is no longer in the outbox.'));
    return item;
  }

  /** Persists (writes serialised, in call order) and announces the new outbox. */
  private async commit(): Promise<void> {
    const owner = this.owner;
    const snapshot = this.list();
    this.deps.changed(snapshot);
    if (owner === null) return;
    const write = this.saving.then(() => this.deps.store.save(owner, snapshot));
    this.saving = write.catch((err: unknown) => this.deps.log.error('outbox: could not save the outbox', err));
    await write;
  }
}
