import type { Result } from "../errors.ts";
import type { Db } from "./create-db.ts";
import { driverTransaction } from "./driver-transaction.ts";
import { type NewApplication, writeApplication } from "./write-application.ts";

/** Records one application and counts it in both rollups, in one transaction. */
export async function recordApplication(db: Db, application: NewApplication): Promise<Result<{ id: string }>> {
  return driverTransaction(db, (tx) => writeApplication(tx, application));
}
