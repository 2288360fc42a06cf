import { z } from "zod";
import { adminRefusalReasons } from "../server-only/admin-session.ts";

export const ZAdminSignIn = z.strictObject({
  // No trimming: spaces may be part of a password. The cap keeps scrypt's input bounded.
  password: z.string().min(1, "must not be empty").max(1024, "must be at most 1024 characters"),
});
export type TAdminSignIn = z.infer<typeof ZAdminSignIn>;

/** /admin/login's query. Anything unexpected is dropped rather than refused: it is only a hint. */
export const ZAdminLoginQuery = z.object({
  next: z.string().optional().catch(undefined),
  reason: z.enum(adminRefusalReasons).optional().catch(undefined),
});
export type TAdminLoginQuery = z.infer<typeof ZAdminLoginQuery>;
