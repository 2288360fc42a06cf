import type http from "node:http";
import { errorBody } from "../../lib/errors.ts";

export interface BodyLimitBreach {
  /** Body bytes the server took off the connection before it stopped reading: at most the cap plus one read. */
  bytesRead: number;
  maxBytes: number;
}

/**
 * Stops reading a request's body once it passes `maxBytes`, whatever its
 * framing. A Content-Length over the cap is refused before any of the body
 * is read; a chunked body (no Content-Length) is counted as Node's parser
 * hands it over, by wrapping the request's `push`, the one call every body
 * byte passes through before anyone (Next, a route handler, engine.io) reads
 * it. Past the cap the bytes are dropped, the socket stops reading, a 413
 * goes out if nothing was answered yet, and the connection is closed once it
 * is flushed: a 200 MiB body costs the cap, not 200 MiB of memory.
 */
export function limitRequestBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  maxBytes: number,
  onBreach: (breach: BodyLimitBreach) => void,
): boolean {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    refuse(req, res, maxBytes);
    onBreach({ bytesRead: 0, maxBytes });
    return false;
  }
  let bytesRead = 0;
  let breached = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk === null || breached) return chunk === null ? push(chunk, encoding) : false;
    bytesRead += (chunk as Buffer).length;
    if (bytesRead <= maxBytes) return push(chunk, encoding);
    breached = true;
    refuse(req, res, maxBytes);
    onBreach({ bytesRead, maxBytes });
    return false;
  };
  return true;
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse, maxBytes: number): void {
  // Read no more: the client's further bytes wait in its own buffers until the connection closes.
  req.socket.pause();
  const close = () => req.socket.destroy();
  if (res.headersSent) {
    close();
    return;
  }
  const body = JSON.stringify(
    errorBody("PAYLOAD_TOO_LARGE", `body: too large (${Math.floor(maxBytes / 1024)} KiB at most)`),
  );
  res.writeHead(413, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
  res.end(body, close);
}

/**
 * Socket.IO replaces the server's request listener with its own, which hands
 * its path (`/socket.io/`) to engine.io and everything else to the listener it
 * replaced. engine.io refuses a long-polling body over its buffer size but keeps
 * reading the rest; this puts the same cut-off in front of it. Call it after
 * `new Server(httpServer)`.
 */
export function limitSocketIoBodies(
  server: http.Server,
  maxBytes: number,
  onBreach: (breach: BodyLimitBreach) => void,
  path = "/socket.io/",
): void {
  const listeners = server.listeners("request") as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.startsWith(path) && !limitRequestBody(req, res, maxBytes, onBreach)) return;
    for (const listener of listeners) listener.call(server, req, res);
  });
}
