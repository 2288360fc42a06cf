import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "./create-db.ts";
import { ensureAdminCredential } from "./ensure-admin-credential.ts";
import { getAdminPasswordSetAt } from "./get-admin-password-set-at.ts";
import { openFreshDb } from "./testing/test-db.ts";
import { verifyAdminPassword } from "./verify-admin-password.ts";

describe("ensureAdminCredential", () => {
  let db: Db;
  let dir: string;
  beforeEach(async () => {
    ({ db, dir } = await openFreshDb());
  });
  afterEach(async () => {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("without ADMIN_PASSWORD generates a strong password once, stores only its hash, and keeps it after", async () => {
    const first = await ensureAdminCredential(db, {});
    if (first.outcome !== "generated") throw new Error(`expected a generated password, got ${first.outcome}`);
    expect(first.password).toMatch(/^[\w-]{24}$/);
    const row = await db.adminCredential.findUniqueOrThrow({ where: { id: "admin" } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(first.password);
    expect(await verifyAdminPassword(db, first.password)).toEqual({ ok: true, passwordSetAt: row.updatedAt.getTime() });

    expect(await ensureAdminCredential(db, {})).toEqual({ outcome: "unchanged" });
    expect(await verifyAdminPassword(db, first.password)).toMatchObject({ ok: true });
    expect(await db.adminCredential.count()).toBe(1);
  });

  it("generates a different password on every fresh database", async () => {
    const passwords = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await db.adminCredential.deleteMany();
      const result = await ensureAdminCredential(db, {});
      if (result.outcome === "generated") passwords.add(result.password);
    }
    expect(passwords.size).toBe(3);
  });

  it("stores ADMIN_PASSWORD, leaves it alone while it matches, and rotates to a new value", async () => {
    expect(await ensureAdminCredential(db, { password: "first-admin-password" })).toEqual({ outcome: "stored" });
    const firstSetAt = await getAdminPasswordSetAt(db);
    expect(await ensureAdminCredential(db, { password: "first-admin-password" })).toEqual({ outcome: "unchanged" });
    expect(await getAdminPasswordSetAt(db)).toBe(firstSetAt);

    expect(await ensureAdminCredential(db, { password: "second-admin-password" })).toEqual({ outcome: "stored" });
    expect(await verifyAdminPassword(db, "first-admin-password")).toEqual({ ok: false });
    expect(await verifyAdminPassword(db, "second-admin-password")).toMatchObject({ ok: true });
    expect(await getAdminPasswordSetAt(db)).toBeGreaterThan(firstSetAt ?? Number.POSITIVE_INFINITY);
  });

  it("replaces a generated password once ADMIN_PASSWORD is set", async () => {
    const generated = await ensureAdminCredential(db, {});
    expect(await ensureAdminCredential(db, { password: "now-from-the-env" })).toEqual({ outcome: "stored" });
    expect(generated.outcome === "generated" && (await verifyAdminPassword(db, generated.password)).ok).toBe(false);
    // Unsetting the variable again keeps the last password rather than generating another.
    expect(await ensureAdminCredential(db, {})).toEqual({ outcome: "unchanged" });
    expect(await verifyAdminPassword(db, "now-from-the-env")).toMatchObject({ ok: true });
  });

  it("refuses every password when there is no credential", async () => {
    expect(await verifyAdminPassword(db, "")).toEqual({ ok: false });
    expect(await verifyAdminPassword(db, "anything-at-all")).toEqual({ ok: false });
    expect(await getAdminPasswordSetAt(db)).toBeNull();
  });
});
