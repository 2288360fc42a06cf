import path from "node:path";

/** Turns `file:./data/intake.db` (relative to the working directory) into an absolute file path. */
export function sqlitePathFromUrl(url: string, cwd: string = process.cwd()): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for SQLite, got ${url.split(":")[0]}:`);
  }
  const raw = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
  return path.resolve(cwd, raw);
}
