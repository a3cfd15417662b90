import type { ProtocolError } from '../../common/protocol';

/** A submitted request and how to answer it once its batch committed (or failed). */
export interface Waiting<Request, Result> {
  request: Request;
  resolve(result: Result): void;
  reject(error: ProtocolError): void;
}

export interface GroupCommitOptions {
  /** Most requests one commit covers. */
  maxBatch: number;
}

/**
 * The queue behind group commit: one commit at a time, covering everything submitted while the
 * previous one was running. An idle submit is committed on the next turn of the event loop (with
 * whatever arrived in the same turn), so batching adds no wait when idle and batches grow by
 * themselves under load. `commit` answers every request of its batch.
 */
export class GroupCommitQueue<Request, Result> {
  private queue: Array<Waiting<Request, Result>> = [];
  private draining = false;

  constructor(
    private readonly commit: (batch: Array<Waiting<Request, Result>>) => Promise<void>,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Requests waiting for a commit (not counting the batch being committed). */
  get waiting(): number {
    return this.queue.length;
  }

  submit(request: Request): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, this.options.maxBatch));
    } finally {
      this.draining = false;
    }
  }
}
