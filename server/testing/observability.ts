import { Writable } from "node:stream";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { startTracing, type Tracing } from "../observability/tracing.ts";

/** A stream for createLogger({ destination }) that keeps every line the logger writes. */
export function captureLogs() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return {
    stream,
    /** Everything written so far, exactly as it would reach stdout. */
    text: () => text,
    /** The JSON lines written so far. */
    lines: () =>
      text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/**
 * Starts the real tracing setup (startTracing) with an in-memory exporter
 * instead of OTLP. It registers globally: call it once per test file (vitest
 * runs each file in a process of its own).
 */
export async function traceInMemory(): Promise<{ exporter: InMemorySpanExporter; tracing: Tracing }> {
  const exporter = new InMemorySpanExporter();
  const tracing = await startTracing({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, tracing };
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = `([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? (\\S+)(?: (-?\\d+))?$`);
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

/**
 * Parses Prometheus's text exposition format (0.0.4) strictly: every line is
 * a HELP or TYPE comment or a sample with well-formed labels and a number;
 * anything else throws, naming the line.
 */
export function parsePrometheusText(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line === "") continue;
    const fail = (why: string) => new Error(`line ${i + 1} ${why}: ${line}`);
    if (line.startsWith("#")) {
      const type = new RegExp(`^# TYPE (${NAME}) (\\w+)$`).exec(line);
      if (type?.[1] && type[2]) {
        if (!TYPES.has(type[2])) throw fail("has an unknown type");
        if (types.has(type[1])) throw fail("repeats a TYPE");
        types.set(type[1], type[2]);
      } else if (!new RegExp(`^# HELP ${NAME} .*$`).test(line)) throw fail("is not a HELP or TYPE comment");
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match?.[1]) throw fail("is not a sample");
    const value = match.at(-2) as string;
    const number = parseFloatLikeGo(value);
    if (number === undefined) throw fail("has no numeric value");
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? "").matchAll(new RegExp(LABEL, "g"))) {
      labels[key as string] = (raw as string).replace(/\\(["\\n])/g, (_, c) => (c === "n" ? "\n" : c));
    }
    samples.push({ name: match[1], labels, value: number });
  }
  return { types, samples };
}

// Prometheus reads values with Go's strconv.ParseFloat: Inf, Infinity and NaN in any case (prom-client writes "Nan").
function parseFloatLikeGo(text: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** The sum of the samples with this name whose labels include these (0 when there are none). */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  return found.reduce((sum, s) => sum + s.value, 0);
}
