import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "../server-only/password-hash.ts";
import type { Db } from "./create-db.ts";

export type EnsureAdminCredentialResult =
  /** Nothing to do: ADMIN_PASSWORD already matches, or it is unset and a credential exists. */
  | { outcome: "unchanged" }
  /** ADMIN_PASSWORD was stored: the first time, or because it changed (which ends admin sessions). */
  | { outcome: "stored" }
  /** No ADMIN_PASSWORD and no credential: this one was made up; show it once, it is not kept. */
  | { outcome: "generated"; password: string };

/**
 * Makes sure an admin can sign in, at start-up. Only the scrypt hash is stored;
 * a changed ADMIN_PASSWORD replaces the stored one, so rotating it is setting
 * the variable and restarting.
 */
export async function ensureAdminCredential(
  db: Db,
  input: { password?: string },
): Promise<EnsureAdminCredentialResult> {
  const stored = await db.adminCredential.findUnique({ where: { id: "admin" }, select: { passwordHash: true } });
  if (input.password !== undefined) {
    if (stored && (await verifyPassword(input.password, stored.passwordHash))) return { outcome: "unchanged" };
    const passwordHash = await hashPassword(input.password);
    await db.adminCredential.upsert({ where: { id: "admin" }, create: { passwordHash }, update: { passwordHash } });
    return { outcome: "stored" };
  }
  if (stored) return { outcome: "unchanged" };
  // 18 random bytes: 144 bits, 24 characters of base64url that survive copying from a terminal.
  const password = randomBytes(18).toString("base64url");
  await db.adminCredential.create({ data: { passwordHash: await hashPassword(password) } });
  return { outcome: "generated", password };
}
