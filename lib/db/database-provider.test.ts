import { describe, expect, it } from "vitest";
import { databaseProviderOf } from "./database-provider.ts";

describe("databaseProviderOf", () => {
  it("reads SQLite from file: and PostgreSQL from postgres: or postgresql:", () => {
    expect(databaseProviderOf("file:./data/intake.db")).toBe("sqlite");
    expect(databaseProviderOf("postgresql://u@127.0.0.1:5432/intake")).toBe("postgresql");
    expect(databaseProviderOf("POSTGRES://u@db/intake")).toBe("postgresql");
  });

  it("refuses any other scheme with a message naming DATABASE_URL", () => {
    expect(() => databaseProviderOf("mysql://u@db/intake")).toThrow(/DATABASE_URL .* got mysql:/);
    expect(() => databaseProviderOf("./data/intake.db")).toThrow(/DATABASE_URL .* got no scheme/);
  });
});
