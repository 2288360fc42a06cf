import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { createPgAdapter } from "./lib/db/create-pg-adapter.ts";
import { databaseProviderOf } from "./lib/db/database-provider.ts";
import { sqlitePathFromUrl } from "./lib/db/sqlite-path.ts";

// The CLI (migrate, generate) runs on Prisma's WebAssembly schema engine through
// the same driver adapter as the app, because the native engine is a download
// these machines cannot make. DATABASE_URL's scheme picks the schema, its
// migrations and the adapter: prisma/sqlite or prisma/postgresql.
const url = process.env.DATABASE_URL ?? "file:./data/intake.db";
const provider = databaseProviderOf(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "postgresql") return createPgAdapter(url);
    const file = sqlitePathFromUrl(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
