import { describe, expect, it } from 'vitest';
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

  it('counts the requests waiting for a commit, not the batch being committed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new GroupCommitQueue<number, number>(
      async (batch) => {
        await gate;
        for (const waiting of batch) waiting.resolve(waiting.request);
      },
      { maxBatch: 10 },
    );
    const first = queue.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [queue.submit(2), queue.submit(3)];
    expect(queue.waiting).toBe(2);
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(queue.waiting).toBe(0);
  });
});
