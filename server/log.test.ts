import { describe, expect, it } from "vitest";
import { createLogger } from "./log.ts";
import { runInRequest } from "./observability/request-context.ts";
import { captureLogs } from "./testing/observability.ts";

describe("createLogger", () => {
  it("redacts cookies, authorization headers, passwords and secrets wherever they sit", () => {
    const logs = captureLogs();
    const log = createLogger({ destination: logs.stream });
    log.info(
      {
        req: { headers: { cookie: "intake_session=abc", authorization: "Bearer t0k3n", "user-agent": "ua" } },
        res: { headers: { "set-cookie": "intake_session=def" } },
        headers: { cookie: "ghi" },
        body: { password: "hunter2-hunter2" },
        env: { SESSION_SECRET: "s3cr3t", ADMIN_PASSWORD: "adm1n", METRICS_TOKEN: "m3tr1cs" },
        token: "tok",
      },
      "request",
    );
    const [line] = logs.lines();
    expect(line).toMatchObject({
      req: { headers: { cookie: "[redacted]", authorization: "[redacted]", "user-agent": "ua" } },
      res: { headers: { "set-cookie": "[redacted]" } },
      headers: { cookie: "[redacted]" },
      body: { password: "[redacted]" },
      env: { SESSION_SECRET: "[redacted]", ADMIN_PASSWORD: "[redacted]", METRICS_TOKEN: "[redacted]" },
      token: "[redacted]",
    });
    for (const value of ["abc", "t0k3n", "def", "ghi", "hunter2", "s3cr3t", "adm1n", "m3tr1cs"]) {
      expect(logs.text()).not.toContain(value);
    }
  });

  it("scrubs the configured secret values from any line, e.g. inside an error message", () => {
    const logs = captureLogs();
    const secret = "a-session-secret-of-forty-characters-0123";
    const log = createLogger({ destination: logs.stream, secrets: [secret, undefined] });
    log.error({ err: new Error(`could not unseal with ${secret}`) }, `failed: ${secret}`);
    expect(logs.text()).not.toContain(secret);
    expect(logs.lines()[0]?.msg).toBe("failed: [redacted]");
  });

  it("adds the request id to lines written inside an HTTP request, and nothing outside one", () => {
    const logs = captureLogs();
    const log = createLogger({ destination: logs.stream });
    runInRequest("req-7", () => log.warn({ code: "INVALID_CREDENTIALS" }, "admin sign-in refused"));
    log.info("outside");
    expect(logs.lines()).toMatchObject([
      { requestId: "req-7", code: "INVALID_CREDENTIALS", msg: "admin sign-in refused" },
      { msg: "outside" },
    ]);
    expect(logs.lines()[1]).not.toHaveProperty("requestId");
  });
});
