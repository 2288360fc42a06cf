import type http from "node:http";
import { type ErrorCode, errorBody, httpStatusOf } from "../../lib/errors.ts";

/** Answers a plain node:http request with the one error envelope and the code's status. */
export function sendError(res: http.ServerResponse, code: ErrorCode, message: string): void {
  res.writeHead(httpStatusOf(code), { "content-type": "application/json" });
  res.end(JSON.stringify(errorBody(code, message)));
}
