import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../common/protocol';
import { GroupCommitQueue, type Waiting } from '../../../server/services/group-commit-queue';

describe('GroupCommitQueue', () => {
  it('commits an idle submit on its own and collects what arrives during a commit into the next batch', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const queue = new GroupCommitQueue<number, number>(
      async (batch: Array<Waiting<number, number>>) => {
        batches.push(batch.map((w) => w.request));
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        for (const waiting of batch) waiting.resolve(waiting.request * 10);
      },
      { maxBatch: 3 },
    );
    const first = queue.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4, 5].map((n) => queue.submit(n));
    release();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('refuses at once past maxQueue, with the overflow error', async () => {
    const busy = new ProtocolError('rate_limited', 'busy');
    const queue = new GroupCommitQueue<number, number>(
      async (batch) => {
        for (const waiting of batch) waiting.resolve(waiting.request);
      },
      { maxBatch: 10, maxQueue: 2, overflow: () => busy },
    );
    const accepted = [queue.submit(1), queue.submit(2)];
    await expect(queue.submit(3)).rejects.toBe(busy);
    expect(await Promise.all(accepted)).toEqual([1, 2]);
  });
});
