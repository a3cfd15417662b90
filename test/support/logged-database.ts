/**
 * A migrated database (PGlite in a temporary directory, or a fresh PostgreSQL test database) whose
 * drizzle instance reports every statement to `logger`: for tests that count queries.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Database } from '../../server/storage/database';
import { migratePglite, migratePostgres } from '../../server/storage/migrate';
import * as schema from '../../server/storage/schema';
import { createTestDatabase, dropTestDatabase } from './test-server';

export async function openLoggedDatabase(kind: 'pglite' | 'postgres', logger: Logger): Promise<{ db: Database; close: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-logged-'));
    const client = await PGlite.create(path.join(dir, 'db'));
    const db = drizzlePglite({ client, schema, logger });
    await migratePglite(db);
    return {
      db,
      close: async () => {
        await client.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  await migratePostgres(pool);
  return {
    db: drizzlePostgres({ client: pool, schema, logger }),
    close: async () => {
      await pool.end();
      await dropTestDatabase(database.name);
    },
  };
}
