import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import * as schema from './schema';
import { migratePglite, migratePostgres } from './migrate';
import { lockPgliteDirectory } from './pglite-lock';

type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: what the domain services run queries on. */
export type Queryable = Database | Transaction;

export interface Storage {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_POOL_MAX = 10;
const CONNECT_TIMEOUT_MS = 5_000;

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir/db`; applies migrations. */
export async function openStorage(options: { databaseUrl: string | null; dataDir: string; logger: Logger; poolMax?: number }): Promise<Storage> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolMax ?? DEFAULT_POOL_MAX, options.logger)
    : openPglite(path.join(options.dataDir, 'db'));
}

async function openPglite(directory: string): Promise<Storage> {
  await mkdir(directory, { recursive: true });
  const unlock = await lockPgliteDirectory(`${directory}.lock`);
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(directory);
    const db = drizzlePglite({ client, schema });
    await migratePglite(db);
    const opened = client;
    return {
      db,
      kind: 'pglite',
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: async () => {
        try {
          await opened.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (error) {
    // The open failure is what gets thrown; a half-opened client that also fails to close adds nothing to it.
    // eslint-disable-next-line no-restricted-syntax -- see above
    await client?.close().catch(() => undefined);
    await unlock();
    throw error;
  }
}

async function openPostgres(url: string, poolMax: number, logger: Logger): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client losing its connection is reported here; without a listener it would crash the process.
  pool.on('error', (error) => logger.error({ err: error }, 'postgres connection error'));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzlePostgres({ client: pool, schema });
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}
