import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = path.join("prisma", "sqlite", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");
const EDITS_FILE = "scripts/make-postgres-schema.ts";

/**
 * Each edit from the SQLite schema to the PostgreSQL one. Everything else (every
 * model, field, index and doc comment) is copied, so the two cannot drift; an
 * edit whose text is gone from the SQLite schema stops the script instead of
 * passing SQLite settings through to PostgreSQL unnoticed.
 */
const EDITS: readonly (readonly [from: string, to: string])[] = [
  [
    "// Intake data model (SQLite, the embedded default).",
    "// Intake data model (PostgreSQL, chosen by a postgresql: DATABASE_URL).\n" +
      "// GENERATED from prisma/sqlite/schema.prisma by scripts/make-postgres-schema.ts\n" +
      "// (npm run db:schema): edit that file, not this one.",
  ],
  ['output       = "../../lib/db/generated"', 'output       = "../../lib/db/generated-pg"'],
  ['provider = "sqlite"', 'provider = "postgresql"'],
  ["this literal only has to be a valid SQLite URL.", "this literal only has to be a valid PostgreSQL URL."],
  ['url      = "file:./intake.db"', 'url      = "postgresql://localhost:5432/intake"'],
  [
    "/// SQLite triggers (migration 20261122040000_audit) abort any UPDATE or DELETE on this table.",
    "/// Triggers (SQLite: migration 20261122040000_audit; PostgreSQL: a plpgsql function in its init\n" +
      "/// migration) abort any UPDATE or DELETE on this table.",
  ],
];

/** The PostgreSQL schema made from the SQLite one. */
export function makePostgresSchema(sqliteSchema: string): string {
  let schema = sqliteSchema;
  for (const [from, to] of EDITS) {
    const count = schema.split(from).length - 1;
    if (count !== 1) {
      throw new Error(`${SQLITE_SCHEMA}: expected "${from}" once, found it ${count} times; update ${EDITS_FILE}`);
    }
    schema = schema.replace(from, to);
  }
  return schema;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const schema = makePostgresSchema(fs.readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
  fs.mkdirSync(path.dirname(path.join(root, POSTGRES_SCHEMA)), { recursive: true });
  fs.writeFileSync(path.join(root, POSTGRES_SCHEMA), schema);
  console.warn(`wrote ${POSTGRES_SCHEMA}`);
}
