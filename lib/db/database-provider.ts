/** The databases Intake runs on; each has its schema and migrations in prisma/<provider>/. */
export type DatabaseProvider = "sqlite" | "postgresql";

/**
 * Which database a DATABASE_URL names, by its scheme: `file:` is SQLite (the
 * embedded default), `postgres:` and `postgresql:` are PostgreSQL. Anything
 * else is an error that names the setting, never a silent fallback.
 */
export function databaseProviderOf(url: string): DatabaseProvider {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "file") return "sqlite";
  if (scheme === "postgres" || scheme === "postgresql") return "postgresql";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql: (PostgreSQL), got ${scheme ? `${scheme}:` : "no scheme"}`,
  );
}
