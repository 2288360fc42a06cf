import { z } from "zod";

/** Database ids (cuid or uuid): short, URL-safe. */
export const ZId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");

/** A client-chosen idempotency key. */
export const ZRequestId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, "must be letters, digits or _ . : -");
