/** Where the integration tests find their servers: set by `npm test` (tools/launcher), or by hand. */
export function testServerUrls(): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = process.env['BREAKWATER_TEST_DATABASE_URL'];
  const redisUrl = process.env['REDIS_URL'];
  if (!databaseUrl || !redisUrl) {
    throw new Error(
      'Integration tests need a real PostgreSQL and Redis. Run them through `npm test` (which finds or starts both), ' +
        'or set BREAKWATER_TEST_DATABASE_URL (a database on a server where you may CREATE DATABASE) and REDIS_URL.',
    );
  }
  return { databaseUrl, redisUrl };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
