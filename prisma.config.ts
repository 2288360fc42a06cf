import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { sqlitePathFromUrl } from "./lib/db/sqlite-path.ts";

// The CLI (migrate, generate) runs on Prisma's WebAssembly schema engine through
// the same driver adapter as the app, because the native engine is a download
// these machines cannot make.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "sqlite", "schema.prisma"),
  migrations: { path: path.join("prisma", "sqlite", "migrations") },
  async adapter() {
    const file = sqlitePathFromUrl(process.env.DATABASE_URL ?? "file:./data/intake.db");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
