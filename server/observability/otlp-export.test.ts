import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../lib/server-only/session.ts";
import { spawnServer } from "../testing/spawn-server.ts";
import { command, connectSocket } from "../testing/test-app.ts";

/** A stand-in OTLP/HTTP collector: keeps the bodies POSTed to /v1/traces. */
async function startCollector() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      if (req.url === "/v1/traces") bodies.push(body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => server.close() };
}

describe("npm start with OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-otlp-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exports the spans of a hold over OTLP, with the trace id the log line names", async () => {
    const collector = await startCollector();
    const server = await spawnServer({
      databaseUrl: `file:${path.join(dir, "intake.db")}`,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
    });
    const url = server.url;
    let exitCode: number | null = null;
    try {
      const { rounds } = await (await fetch(`${url}/api/rounds`)).json();
      const open = rounds.find((r: { status: string }) => r.status === "OPEN");
      const session = await fetch(`${url}/api/session`, {
        method: "POST",
        body: JSON.stringify({ name: "Ada" }),
        headers: { "content-type": "application/json" },
      });
      const cookie = session.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      const socket = await connectSocket(url, cookie?.split(";")[0]);
      const held = await command(socket, "seat:hold", { roundId: open.id, requestId: "otlp-hold-1" });
      socket.disconnect();
      expect(held.ok).toBe(true);
    } finally {
      // SIGTERM flushes the spans still in the batch processor before the process exits.
      exitCode = await server.stop("SIGTERM");
    }
    expect(exitCode).toBe(0);
    collector.close();

    const line = server.logLines("socket command").find((l) => l.requestId === "otlp-hold-1");
    expect(line?.traceId).toMatch(/^[0-9a-f]{32}$/);

    const exported = collector.bodies.join("\n");
    expect(exported).toContain('"name":"seat:hold"');
    expect(exported).toContain('"name":"prisma:client:transaction"');
    expect(exported).toContain('"name":"prisma:client:db_query"');
    expect(exported).toContain('"name":"GET /api/rounds"');
    expect(exported).toContain(line?.traceId as string);
    expect(exported).toContain('"stringValue":"intake"'); // service.name
  });
});
