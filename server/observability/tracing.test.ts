import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import type { InMemorySpanExporter, ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../lib/clock.ts";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { createLogger } from "../log.ts";
import { captureLogs, traceInMemory } from "../testing/observability.ts";
import { command, connectSocket, signIn, startTestApp, type TestApp } from "../testing/test-app.ts";
import type { Tracing } from "./tracing.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);

describe("tracing (the real SDK setup, exported to memory)", () => {
  let exporter: InMemorySpanExporter;
  let tracing: Tracing;
  let app: TestApp;
  let logs: ReturnType<typeof captureLogs>;
  let roundId: string;

  beforeAll(async () => {
    ({ exporter, tracing } = await traceInMemory());
    logs = captureLogs();
    app = await startTestApp({ clock: createManualClock(T0), log: createLogger({ destination: logs.stream }) });
    roundId = (await createOpenRound(app.db, T0)).id;
  });
  afterAll(async () => {
    await app.stop();
    await tracing.shutdown();
  });
  beforeEach(() => exporter.reset());

  const spans = () => exporter.getFinishedSpans();
  const childrenOf = (parent: ReadableSpan) =>
    spans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);
  const named = (name: string) => spans().filter((s) => s.name === name);
  const descendantsOf = (parent: ReadableSpan): ReadableSpan[] =>
    childrenOf(parent).flatMap((child) => [child, ...descendantsOf(child)]);

  it("traces seat:hold into the batch's transaction: a Prisma span under the command, and its trace id in the log", async () => {
    const { cookie } = await signIn(app, "Ada");
    const socket = await connectSocket(app.url, cookie);
    const ack = await command(socket, "seat:hold", { roundId, requestId: "hold-1" });
    socket.disconnect();
    expect(ack.ok).toBe(true);

    const [hold] = named("seat:hold");
    if (!hold) throw new Error("no seat:hold span");
    expect(hold.attributes).toMatchObject({ "intake.request_id": "hold-1", "intake.outcome": "ok" });
    const [transaction] = childrenOf(hold);
    expect(transaction?.name).toBe("prisma:client:transaction");
    expect(transaction?.instrumentationScope.name).toBe("prisma");
    if (!transaction) throw new Error("no transaction span");
    const queries = childrenOf(transaction);
    expect(queries.length).toBeGreaterThan(3);
    expect(queries.every((q) => q.name === "prisma:client:db_query")).toBe(true);
    expect(queries.map((q) => q.attributes["db.query.text"])).toContainEqual(
      expect.stringMatching(/^\s*UPDATE "Seat"/),
    );
    expect(queries.map((q) => q.attributes["db.query.text"])).toContain("COMMIT");

    const traceId = hold.spanContext().traceId;
    expect(transaction.spanContext().traceId).toBe(traceId);
    const line = logs.lines().find((l) => l.msg === "socket command" && l.requestId === "hold-1");
    expect(line).toMatchObject({ event: "seat:hold", outcome: "ok", traceId });
    expect(ack).toMatchObject({ requestId: "hold-1" });
  });

  it("gives Prisma client queries (round:join's snapshot) spans of their own under the command", async () => {
    const socket = await connectSocket(app.url);
    expect((await command(socket, "round:join", { roundId })).ok).toBe(true);
    socket.disconnect();
    const [join] = named("round:join");
    if (!join) throw new Error("no round:join span");
    const operations = descendantsOf(join).filter((s) => s.name === "prisma:client:operation");
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.map((s) => s.attributes.name)).toContainEqual(expect.stringMatching(/^Round\./));
  });

  it("parents a group commit on its first command and links the others", async () => {
    const a = await signIn(app, "A");
    const b = await signIn(app, "B");
    const tracer = trace.getTracer("test");
    const first = tracer.startSpan("first");
    const second = tracer.startSpan("second");
    // Submitted in one turn of the event loop: one batch, one transaction.
    await Promise.all([
      context.with(trace.setSpan(ROOT_CONTEXT, first), () =>
        app.engine.submit(roundId, { kind: "hold", applicantId: a.applicantId }),
      ),
      context.with(trace.setSpan(ROOT_CONTEXT, second), () =>
        app.engine.submit(roundId, { kind: "hold", applicantId: b.applicantId }),
      ),
    ]);
    first.end();
    second.end();

    const transactions = named("prisma:client:transaction");
    expect(transactions).toHaveLength(1);
    const [transaction] = transactions;
    expect(transaction?.parentSpanContext?.spanId).toBe(first.spanContext().spanId);
    expect(transaction?.links.map((l) => l.context.spanId)).toEqual([second.spanContext().spanId]);
  });

  it("continues an incoming traceparent in the HTTP span and logs the request with its trace id", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const res = await fetch(`${app.url}/api/rounds/missing/events`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, "x-request-id": "req-42" },
    });
    await res.body?.cancel();
    await expect.poll(() => named("GET /api/rounds/[id]/events").length).toBe(1);
    const [span] = named("GET /api/rounds/[id]/events");
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.attributes).toMatchObject({ "http.response.status_code": 404, "intake.request_id": "req-42" });
    const line = logs.lines().find((l) => l.msg === "http request" && l.requestId === "req-42");
    expect(line).toMatchObject({ traceId, status: 404 });
  });
});
