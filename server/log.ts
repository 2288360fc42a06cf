import pino from "pino";
import { requestLogFields } from "./observability/request-context.ts";

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** fatal … trace, or silent (LOG_LEVEL); info by default. */
  level?: string;
  /** Human-readable lines through pino-pretty (development); JSON lines otherwise. */
  pretty?: boolean;
  /** Where JSON lines go instead of stdout, e.g. a stream a test reads. */
  destination?: pino.DestinationStream;
  /**
   * Exact values that must never be written (SESSION_SECRET, ADMIN_PASSWORD,
   * METRICS_TOKEN): replaced in every line, wherever a bug might put them.
   */
  secrets?: readonly (string | undefined)[];
}

// Wherever these keys appear (top level, one level down, in headers), the value is replaced.
const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "secret",
  "sessionSecret",
  "token",
  "cookie",
  "SESSION_SECRET",
  "ADMIN_PASSWORD",
  "METRICS_TOKEN",
];
const HEADER_KEYS = ["cookie", '["set-cookie"]', "authorization", '["x-metrics-token"]'];
export const REDACTED_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  ...HEADER_KEYS.flatMap((key) => {
    const path = key.startsWith("[") ? key : `.${key}`;
    return [`headers${path}`, `*.headers${path}`];
  }),
];

/**
 * The one logger: JSON lines (pretty in development). Cookies, authorization
 * headers, passwords and secrets are redacted wherever they appear, and a line
 * written inside an HTTP request carries its requestId and trace id.
 */
export function createLogger(options: LoggerOptions | string = {}): Logger {
  const {
    level = "info",
    pretty = false,
    destination,
    secrets = [],
  } = typeof options === "string" ? { level: options } : options;
  const known = secrets.filter((s): s is string => typeof s === "string" && s.length >= 8);
  const config: pino.LoggerOptions = {
    level,
    base: { service: "intake" },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    mixin: requestLogFields,
  };
  if (known.length > 0) {
    config.hooks = {
      streamWrite(line) {
        let out = line;
        for (const secret of known) if (out.includes(secret)) out = out.replaceAll(secret, "[redacted]");
        return out;
      },
    };
  }
  if (destination) return pino(config, destination);
  if (pretty) {
    return pino({
      ...config,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname,service" },
      },
    });
  }
  return pino(config);
}
