import { type TEnv, ZEnv } from "./schemas/env.ts";

/** Parses the environment once; a bad setting stops start-up with a message naming it. */
export function readEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const parsed = ZEnv.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid environment:\n  ${lines.join("\n  ")}`);
}
