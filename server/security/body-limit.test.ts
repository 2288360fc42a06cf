import fs from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../../lib/db/testing/test-db.ts";
import { MAX_BODY_BYTES } from "../../lib/server-only/http.ts";
import { type SpawnedServer, spawnServer } from "../testing/spawn-server.ts";

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
/** What one read off a socket can hand the parser at most, on top of the cap, before the server stops. */
const ONE_READ = 64 * 1024;

/** Resident memory of a process, in bytes, from /proc. */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match?.[1]) throw new Error("no VmRSS");
  return Number(match[1]) * 1024;
}

interface Upload {
  /** Body bytes the client managed to hand to its socket before the server closed the connection. */
  bytesWritten: number;
  /** The status line's code, if a response arrived. */
  status: number | null;
  response: string;
}

/** Long enough for 200 MiB over loopback; a server that neither reads nor closes fails the test here, not at its timeout. */
const UPLOAD_DEADLINE_MS = 15_000;

/**
 * Sends `total` bytes of body as HTTP/1.1 chunked transfer (no Content-Length),
 * over a raw socket, respecting backpressure, until it is all sent or the
 * server closes the connection; resolves when the connection is gone.
 */
function uploadChunked(
  url: string,
  head: { method: string; path: string; headers?: Record<string, string> },
  total: number,
): Promise<Upload> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const chunk = Buffer.alloc(CHUNK, 0x61);
  const framed = Buffer.concat([Buffer.from(`${CHUNK.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
  let bytesWritten = 0;
  let response = "";
  let closed = false;
  socket.on("data", (data) => {
    response += data;
  });
  const pump = () => {
    while (!closed && bytesWritten < total) {
      bytesWritten += CHUNK;
      if (!socket.write(framed)) return socket.once("drain", pump);
    }
    if (!closed && bytesWritten >= total) socket.end("0\r\n\r\n");
  };
  socket.once("connect", () => {
    const headers = Object.entries({ host: `${hostname}:${port}`, "transfer-encoding": "chunked", ...head.headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`${head.method} ${head.path} HTTP/1.1\r\n${headers}\r\n`);
    pump();
  });
  return new Promise((resolve) => {
    const done = () => {
      if (closed) return;
      closed = true;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
      resolve({ bytesWritten, status: status ? Number(status) : null, response });
    };
    socket.once("close", done);
    socket.on("error", () => socket.destroy());
    const deadline = setTimeout(() => socket.destroy(), UPLOAD_DEADLINE_MS);
    socket.once("close", () => clearTimeout(deadline));
  });
}

describe("a request body over the cap, on the real process (server/index.ts in a child)", () => {
  let server: SpawnedServer;
  let dir: string;
  let roundId: string;

  beforeAll(async () => {
    const db = freshDatabaseUrl();
    dir = db.dir;
    server = await spawnServer({ databaseUrl: db.url });
    // Warm every path used below, so what it costs to load a route the first time is not counted as the body's.
    const session = await fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Warm" }),
    });
    expect(session.status).toBe(201);
    const { rounds } = await (await fetch(`${server.url}/api/rounds`)).json();
    roundId = rounds[0].id;
    const warmBreach = server.nextLogLine("request body over the cap");
    // A JSON content type, so the route reads the body (a route that answered first would leave it unread).
    const json = { "content-type": "application/json" };
    await uploadChunked(server.url, { method: "POST", path: "/api/session", headers: json }, 2 * CHUNK);
    await warmBreach;
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stops reading a 200 MiB chunked sign-in at the cap plus one read, and its memory grows under 20 MB", async () => {
    const before = rssOf(server.pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(server.pid));
    }, 10);
    const breachLogged = server.nextLogLine("request body over the cap");
    let upload: Upload;
    let breach: Record<string, unknown>;
    try {
      upload = await uploadChunked(
        server.url,
        { method: "POST", path: "/api/session", headers: { "content-type": "application/json" } },
        200 * MiB,
      );
      breach = await breachLogged;
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssOf(server.pid));

    expect(breach).toMatchObject({ route: "/api/session", maxBytes: MAX_BODY_BYTES });
    expect(breach.bytesRead).toBeGreaterThan(MAX_BODY_BYTES);
    expect(breach.bytesRead).toBeLessThanOrEqual(MAX_BODY_BYTES + ONE_READ);
    // The connection was closed on the client long before it could send it all.
    expect(upload.bytesWritten).toBeLessThan(50 * MiB);
    expect(peak - before).toBeLessThan(20 * 1_000_000);
    // The server is fine and answers the next request.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it("answers a body just over the cap with 413 and the envelope, then closes the connection", async () => {
    const breachLogged = server.nextLogLine("request body over the cap");
    const upload = await uploadChunked(
      server.url,
      { method: "POST", path: "/api/session", headers: { "content-type": "application/json" } },
      MAX_BODY_BYTES + CHUNK,
    );
    expect(await breachLogged).toMatchObject({ route: "/api/session" });
    expect(upload.status).toBe(413);
    expect(upload.response).toMatch(/connection: close/i);
    const body = JSON.parse(upload.response.slice(upload.response.indexOf("\r\n\r\n") + 4));
    expect(body).toEqual({
      ok: false,
      error: { code: "PAYLOAD_TOO_LARGE", message: "body: too large (16 KiB at most)" },
    });
  });

  it("refuses a Content-Length over the cap before reading any of the body", async () => {
    const { hostname, port } = new URL(server.url);
    const breachLogged = server.nextLogLine("request body over the cap");
    const socket = net.connect(Number(port), hostname);
    let response = "";
    socket.on("data", (data) => {
      response += data;
    });
    socket.write(
      `POST /api/admin/rounds HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncontent-length: ${200 * MiB}\r\n\r\n`,
    );
    await new Promise((resolve) => socket.once("close", resolve));
    expect(response).toMatch(/^HTTP\/1\.1 413/);
    expect(await breachLogged).toMatchObject({ bytesRead: 0, route: "/api/admin/rounds" });
  });

  it("stops at the cap on an event stream and on Socket.IO's long-polling transport too", async () => {
    const streamBreach = server.nextLogLine("request body over the cap");
    await uploadChunked(server.url, { method: "GET", path: `/api/rounds/${roundId}/events` }, 200 * MiB);
    const stream = await streamBreach;
    expect(stream).toMatchObject({ route: "/api/rounds/[id]/events" });
    expect(stream.bytesRead).toBeLessThanOrEqual(MAX_BODY_BYTES + ONE_READ);

    const handshake = await (await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`)).text();
    const sid = (JSON.parse(handshake.slice(1)) as { sid: string }).sid;
    const pollingBreach = server.nextLogLine("request body over the cap");
    const upload = await uploadChunked(
      server.url,
      {
        method: "POST",
        path: `/socket.io/?EIO=4&transport=polling&sid=${sid}`,
        headers: { "content-type": "text/plain;charset=UTF-8" },
      },
      200 * MiB,
    );
    const polling = await pollingBreach;
    expect(polling).toMatchObject({ route: "/socket.io/", maxBytes: 64 * 1024 });
    expect(polling.bytesRead).toBeLessThanOrEqual(64 * 1024 + ONE_READ);
    expect(upload.bytesWritten).toBeLessThan(50 * MiB);
  });
});
