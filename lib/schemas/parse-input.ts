import type { z } from "zod";
import { AppError, fail, type Result } from "../errors.ts";

/** Parses a value at a boundary; a failure names the first offending field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : "payload";
  const detail =
    issue?.code === "unrecognized_keys"
      ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`
      : issue?.message;
  return fail("INVALID_INPUT", `${field}: ${detail ?? "invalid"}`);
}

/** parseInput for a route handler: a failure is thrown as AppError, which route() answers in the envelope (400). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = parseInput(schema, value);
  if (!parsed.ok) throw new AppError(parsed.code, parsed.message);
  return parsed.value;
}
