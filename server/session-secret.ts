import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * SESSION_SECRET from the environment, else one generated on first start and
 * kept (mode 0600) in the data folder so sessions survive restarts.
 */
export function resolveSessionSecret(fromEnv: string | undefined, dataDir: string): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "session-secret");
  try {
    const stored = fs.readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  } catch {
    // absent: generate below
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
