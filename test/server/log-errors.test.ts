import { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGGED_SQL_MAX } from '../../server/log-errors';
import { createLogger } from '../../server/logger';

/** A pino destination that keeps every line. */
function captureLines(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  return { stream, lines };
}

describe('logged query errors', () => {
  let client: PGlite;
  const db = () => drizzle(client);

  beforeAll(async () => {
    client = new PGlite();
    await client.waitReady;
  });
  afterAll(async () => {
    await client.close();
  });

  it('keep the start of the statement and the number of parameters, never the parameter values', async () => {
    const values = Array.from({ length: 5_000 }, (_, i) => (i === 4_999 ? 'secret-not-a-number' : `value-${i}`));
    const failure: unknown = await db()
      .execute(
        sql`SELECT x FROM unnest(ARRAY[${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )}]::int[]) AS x`,
      )
      .then(
        () => null,
        (error: unknown) => error,
      );
    // The real thing: drizzle's error carries the whole statement and every value.
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('value-1234');

    const { stream, lines } = captureLines();
    createLogger('info', stream).error({ err: failure, event: 'messages:sync' }, 'socket event failed');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    // At most the one value the database itself quotes in its reason ("invalid input syntax ... \"value-0\"").
    expect(new Set(line.match(/value-\d+/g)).size).toBeLessThanOrEqual(1);
    expect(line).not.toContain('value-1234');
    expect(line).not.toContain('secret-not-a-number');
    expect(line.length).toBeLessThan(4_000);
    const { err } = JSON.parse(line) as { err: { message: string; stack: string; query: string; paramCount: number; params?: unknown } };
    expect(err.params).toBeUndefined();
    expect(err.paramCount).toBe(values.length);
    expect(err.message).toMatch(/^Failed query: SELECT x FROM unnest\(ARRAY\[\$1, \$2/);
    expect(err.message).toContain(`(${values.length} params): invalid input syntax for type integer`);
    expect(err.query.length).toBeLessThan(LOGGED_SQL_MAX + 40);
    expect(err.stack).toMatch(/^\w*Error: Failed query: SELECT x/);
    expect(err.stack).toContain('\n    at ');
    // The database's own reason stays.
    expect(err.stack).toMatch(/caused by: error: invalid input syntax for type integer/);
  });

  it('leave other errors as pino logs them', () => {
    const { stream, lines } = captureLines();
    createLogger('info', stream).error({ err: new TypeError('plain failure') }, 'oops');
    const { err } = JSON.parse(lines[0]!) as { err: { type: string; message: string; stack: string } };
    expect(err).toMatchObject({ type: 'TypeError', message: 'plain failure' });
    expect(err.stack).toMatch(/^TypeError: plain failure\n {4}at /);
  });
});
