/** A database of its own for one Droplink-on-PostgreSQL run: created fresh, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `adminUrl` names any database the user may connect to; the new one sits beside it. */
export async function createBenchDatabase(givenUrl: string): Promise<BenchDatabase> {
  const admin = new URL(givenUrl);
  // Like libpq: no user in the URL means the operating-system user.
  if (!admin.username) admin.username = userInfo().username;
  const adminUrl = admin.toString();
  const name = `bench_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
