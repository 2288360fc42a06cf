import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password-hash.ts";

describe("hashPassword / verifyPassword", () => {
  it("verifies the password it hashed and refuses any other", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores the scheme, its cost and a fresh salt, never the password", async () => {
    const [a, b] = await Promise.all([hashPassword("hunter2-hunter2"), hashPassword("hunter2-hunter2")]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("hunter2");
  });

  it("treats the same text in two Unicode forms as one password", async () => {
    const stored = await hashPassword("caf\u00e9-password");
    expect(await verifyPassword("cafe\u0301-password", stored)).toBe(true);
  });

  it("verifies hashes made with other cost parameters (they travel in the string)", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync("older-cheaper-password", salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = ["scrypt", 1024, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
    expect(await verifyPassword("older-cheaper-password", stored)).toBe(true);
    expect(await verifyPassword("older-cheaper-passwort", stored)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["another scheme", "bcrypt$2b$10$abcdefghijklmnopqrstuv"],
    ["too few fields", "scrypt$32768$8$1$c2FsdA"],
    ["N not a power of two", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["a cost that would take gigabytes", "scrypt$1048576$64$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["a short salt", "scrypt$1024$8$1$c2E$a2V5a2V5a2V5a2V5a2V5a2V5"],
  ])("matches nothing against a malformed hash (%s)", async (_, stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });
});
