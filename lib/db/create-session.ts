import { randomBytes } from "node:crypto";
import type { SessionIdentity } from "../server-only/session.ts";
import type { Db } from "./create-db.ts";

/**
 * Stores a new session holding only `identity` and, in the same transaction,
 * revokes `replaces` (the session the browser brought to a sign-in), so one
 * browser never ends up with two live sessions. `replaced` says whether there
 * was a live one to revoke.
 */
export async function createSession(
  db: Db,
  input: { identity: SessionIdentity; now: number; expiresAt: number; replaces?: string },
): Promise<{ id: string; replaced: boolean }> {
  // 144 bits from the CSPRNG: the id is a bearer secret once unsealed, unlike a guessable cuid.
  const id = randomBytes(18).toString("base64url");
  const { identity, now } = input;
  const create = db.session.create({
    data: {
      id,
      ...("admin" in identity
        ? { adminSince: new Date(now), adminPasswordSetAt: new Date(identity.admin.passwordSetAt) }
        : { applicantId: identity.applicantId }),
      createdAt: new Date(now),
      expiresAt: new Date(input.expiresAt),
    },
    select: { id: true },
  });
  if (!input.replaces) return { id: (await create).id, replaced: false };
  const revoke = db.session.updateMany({
    where: { id: input.replaces, revokedAt: null },
    data: { revokedAt: new Date(now) },
  });
  const [, revoked] = await db.$transaction([create, revoke]);
  return { id, replaced: revoked.count > 0 };
}
