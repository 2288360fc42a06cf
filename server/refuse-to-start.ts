/**
 * Ends start-up with one line for the operator on stderr and exit code 1: a
 * setting that is wrong or a database that cannot be reached is a message,
 * not a stack trace.
 */
export function refuseToStart(message: string): never {
  process.stderr.write(`intake: cannot start: ${message}\n`);
  process.exit(1);
}

/** A database URL fit to print: scheme, host, port and database, never the password. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.protocol === "file:") return databaseUrl;
    url.password = "";
    url.username = "";
    url.search = "";
    return url.toString();
  } catch {
    return "(not a URL)";
  }
}
