/**
 * Said at start-up when this instance may be one of several (PostgreSQL) but
 * nothing carries live events between them (no REDIS_URL): nothing oversells,
 * but watchers miss other instances' changes (docs/scaling.md).
 */
export function clusterWarning(databaseUrl: string, redisUrl: string | undefined): string | null {
  if (redisUrl !== undefined || !/^postgres(ql)?:/i.test(databaseUrl)) return null;
  return (
    "PostgreSQL without REDIS_URL: if several instances run, each one's watchers see only the changes that " +
    "instance committed, applicants miss private events caused on others, and a sign-out does not reach their " +
    "sockets (seats are never oversold). Set REDIS_URL for several instances; see docs/scaling.md"
  );
}
