import { z } from "zod";
import { ZId } from "./ids.ts";

export const ZCreateSession = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(60, "must be at most 60 characters")
    .regex(/^[^\p{Cc}]+$/u, "must not contain control characters"),
});
export type TCreateSession = z.infer<typeof ZCreateSession>;

export const ZRoundParams = z.strictObject({ id: ZId });
