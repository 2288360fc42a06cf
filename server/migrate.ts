import { spawn } from "node:child_process";
import { createRequire } from "node:module";

/** Applies checked-in migrations with Prisma's CLI (WebAssembly schema engine, see prisma.config.ts). */
export function migrateDatabase(databaseUrl: string): Promise<void> {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new MigrationError(migrationCause(output), output))));
  });
}

/** `prisma migrate deploy` failed: `cause` is Prisma's own error line (e.g. "Can't reach database server at …"). */
export class MigrationError extends Error {
  constructor(
    readonly cause: string,
    readonly output: string,
  ) {
    super(`prisma migrate deploy failed: ${cause}\n${output}`);
    this.name = "MigrationError";
  }
}

/** The last "Error: …" line Prisma printed, without the prefix; its whole output's last line if none. */
export function migrationCause(output: string): string {
  const lines = output
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const error = lines.findLast((l) => l.startsWith("Error:"));
  return (error?.replace(/^Error:\s*/, "") ?? lines.at(-1) ?? "no output").slice(0, 500);
}
