import pg from "pg";

// PostgreSQL's `name` type (OID 19: identifiers in the system catalogues) and text (OID 25).
const NAME_OID = 19;
const TEXT_OID = 25;

/**
 * A pg pool for @prisma/adapter-pg whose results report `name` columns as
 * text. The adapter (6.19.3) refuses OID 19 ("Column type 'name' could not be
 * deserialized", prisma/orm#27403), and the schema engine's own catalogue
 * queries return it, so `migrate deploy` fails on an empty database without
 * this. pg already hands `name` values over as strings; only the reported type
 * changes.
 */
export function createPgPool(connectionString: string): pg.Pool {
  // Idle connections do not keep the process alive: Prisma's CLI never disposes its adapter.
  const pool = new pg.Pool({ connectionString, allowExitOnIdle: true });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const relabel = (result: unknown) => {
      for (const r of Array.isArray(result) ? result : [result]) {
        for (const field of (r as pg.QueryResult | undefined)?.fields ?? []) {
          if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
        }
      }
      return result;
    };
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last === "function") {
        args[args.length - 1] = (err: unknown, result: unknown) => last(err, err ? result : relabel(result));
        return query(...args);
      }
      const returned = query(...args);
      return returned instanceof Promise ? returned.then(relabel) : returned;
    };
  });
  return pool;
}
