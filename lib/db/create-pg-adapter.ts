import { PrismaPg } from "@prisma/adapter-pg";
import { DriverAdapterError, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { createPgPool } from "./create-pg-pool.ts";

/**
 * @prisma/adapter-pg over createPgPool, for the app and for Prisma's CLI. Its
 * executeScript (what `migrate deploy` runs a migration with) splits the script
 * at every `;` (https://github.com/prisma/prisma/blob/6.19.3/packages/adapter-pg/src/pg.ts),
 * which cuts a plpgsql function body apart; here the script goes to PostgreSQL
 * whole, as one simple query, which also makes a migration all or nothing.
 */
export function createPgAdapter(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  // Names, and shadow databases (which `migrate deploy` never makes), from the plain factory.
  const factory = new PrismaPg({ connectionString });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect() {
      // A pool per connection, ended by the adapter's dispose ($disconnect): a reconnect gets a fresh one.
      const pool = createPgPool(connectionString);
      const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
      adapter.executeScript = async (script) => {
        try {
          await pool.query(script);
        } catch (err) {
          const e = err as pg.DatabaseError;
          if (typeof e.code !== "string") throw err;
          throw new DriverAdapterError({
            kind: "postgres",
            code: e.code,
            severity: e.severity ?? "ERROR",
            message: e.message,
            detail: e.detail,
            column: e.column,
            hint: e.hint,
          });
        }
      };
      return adapter;
    },
  };
}
