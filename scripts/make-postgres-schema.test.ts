import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma as SqlitePrisma } from "../lib/db/generated/client.ts";
import { Prisma as PostgresPrisma } from "../lib/db/generated-pg/client.ts";
import { makePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "./make-postgres-schema.ts";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** What a folder's migrations build, applied in order: the parts both databases must agree on. */
interface Shape {
  /** table -> column -> "TYPE NULL|NOT NULL" (types mapped to one vocabulary) */
  tables: Record<string, Record<string, string>>;
  primaryKeys: Record<string, string>;
  indexes: Record<string, string>;
  foreignKeys: Record<string, string>;
  triggers: string[];
}

const SAME_TYPE: Record<string, string> = { DATETIME: "TIMESTAMP(3)", SERIAL: "INTEGER" };
const columnList = (s: string) => s.replace(/\s+/g, "");

function shapeOf(folder: string): Shape {
  const shape: Shape = { tables: {}, primaryKeys: {}, indexes: {}, foreignKeys: {}, triggers: [] };
  const dir = path.join(root, folder);
  const migrations = fs.readdirSync(dir).filter((name) => fs.statSync(path.join(dir, name)).isDirectory());
  for (const name of migrations.sort()) {
    const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8").replace(/^\s*--.*$/gm, "");
    for (const [, table, body] of sql.matchAll(/CREATE TABLE "(\w+)" \(([\s\S]*?)\n\);/g)) {
      const columns: Record<string, string> = {};
      for (const line of (body as string).split("\n").map((l) => l.trim().replace(/,$/, ""))) {
        const constraint = /^CONSTRAINT "(\w+)" (PRIMARY KEY|FOREIGN KEY) (.*)$/.exec(line);
        if (constraint) {
          const [, cname, kind, rest] = constraint as unknown as [string, string, string, string];
          if (kind === "PRIMARY KEY") shape.primaryKeys[table as string] = columnList(rest);
          else shape.foreignKeys[cname] = columnList(`${table}${rest}`);
          continue;
        }
        const primaryKey = /^PRIMARY KEY (.*)$/.exec(line);
        if (primaryKey) {
          shape.primaryKeys[table as string] = columnList(primaryKey[1] as string);
          continue;
        }
        const column = /^"(\w+)" (\w+(?:\(\d+\))?)(.*)$/.exec(line);
        if (!column) continue;
        const [, cname, type, rest] = column as unknown as [string, string, string, string];
        columns[cname] = `${SAME_TYPE[type] ?? type} ${rest.includes("NOT NULL") ? "NOT NULL" : "NULL"}`;
        if (rest.includes("PRIMARY KEY")) shape.primaryKeys[table as string] = `("${cname}")`;
      }
      shape.tables[table as string] = columns;
    }
    for (const [, table, cname, type, rest] of sql.matchAll(/ALTER TABLE "(\w+)" ADD COLUMN "(\w+)" (\w+)([^;]*);/g)) {
      const columns = shape.tables[table as string] as Record<string, string>;
      columns[cname as string] =
        `${SAME_TYPE[type as string] ?? type} ${(rest as string).includes("NOT NULL") ? "NOT NULL" : "NULL"}`;
    }
    for (const [, table, cname, rest] of sql.matchAll(
      /ALTER TABLE "(\w+)" ADD CONSTRAINT "(\w+)" FOREIGN KEY ([^;]*);/g,
    )) {
      shape.foreignKeys[cname as string] = columnList(`${table}${rest}`);
    }
    for (const [, unique, iname, table, columns] of sql.matchAll(
      /CREATE (UNIQUE )?INDEX "(\w+)" ON "(\w+)"\s*\(([^)]*)\);/g,
    )) {
      shape.indexes[iname as string] = `${unique ? "UNIQUE " : ""}${table}(${columnList(columns as string)})`;
    }
    for (const [, iname] of sql.matchAll(/DROP INDEX "(\w+)";/g)) delete shape.indexes[iname as string];
    for (const [, tname] of sql.matchAll(/CREATE TRIGGER "(\w+)"/g)) shape.triggers.push(tname as string);
    if (/DROP TABLE|RENAME|DROP COLUMN|DROP TRIGGER/.test(sql)) {
      throw new Error(`${folder}/${name}: teach shapeOf (scripts/make-postgres-schema.test.ts) this statement`);
    }
  }
  return shape;
}

describe("the PostgreSQL schema", () => {
  it("is the SQLite schema put through scripts/make-postgres-schema.ts (npm run db:schema)", () => {
    expect(read(POSTGRES_SCHEMA)).toBe(makePostgresSchema(read(SQLITE_SCHEMA)));
  });

  it("gives a client with the same models and fields as the SQLite one", () => {
    expect(PostgresPrisma.ModelName).toEqual(SqlitePrisma.ModelName);
    for (const model of Object.keys(SqlitePrisma.ModelName)) {
      const fields = `${model}ScalarFieldEnum` as keyof typeof SqlitePrisma & keyof typeof PostgresPrisma;
      expect(PostgresPrisma[fields], model).toEqual(SqlitePrisma[fields]);
    }
  });

  it("has migrations that build the same tables, keys, indexes and triggers as SQLite's", () => {
    const sqlite = shapeOf("prisma/sqlite/migrations");
    const postgres = shapeOf("prisma/postgresql/migrations");
    expect(Object.keys(sqlite.tables).length).toBeGreaterThan(10);
    expect(postgres.tables).toEqual(sqlite.tables);
    expect(postgres.primaryKeys).toEqual(sqlite.primaryKeys);
    expect(postgres.indexes).toEqual(sqlite.indexes);
    expect(postgres.foreignKeys).toEqual(sqlite.foreignKeys);
    // PostgreSQL has one more: TRUNCATE skips row triggers.
    expect(postgres.triggers).toEqual(expect.arrayContaining(sqlite.triggers));
    expect(sqlite.triggers).toEqual(["AuditEntry_no_update", "AuditEntry_no_delete"]);
  });
});
