import { describe, expect, it } from 'vitest';
import { PasswordWork } from '../../../server/auth/password-work';
import { RateLimitedError } from '../../../server/rate-limits';

function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('PasswordWork', () => {
  it('runs `concurrency` at a time, queues `queueMax` more, refuses the rest with rate_limited at once', async () => {
    const work = new PasswordWork(2, 1);
    const first = gate();
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await first.promise;
      running -= 1;
      return 'done';
    };
    const accepted = [work.run(task), work.run(task), work.run(task)];
    await expect(work.run(task)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(work.run(task)).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    first.open();
    expect(await Promise.all(accepted)).toEqual(['done', 'done', 'done']);
    expect(most).toBe(2);
    // Room again once the queue has drained.
    expect(await work.run(async () => 'later')).toBe('later');
  });

  it('a failing task frees its place', async () => {
    const work = new PasswordWork(1, 0);
    await expect(work.run(() => Promise.reject(new Error('bad hash')))).rejects.toThrow('bad hash');
    expect(await work.run(async () => 1)).toBe(1);
  });
});
