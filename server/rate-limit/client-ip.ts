import type http from "node:http";
import net from "node:net";

/**
 * The address a request is charged to. By default the TCP peer's; with
 * `trustProxy` proxies in front (TRUST_PROXY), the address the outermost of
 * them saw, read from the right of X-Forwarded-For, where each proxy appends
 * the peer it was talking to. Entries further left come from the client and
 * are never trusted. IPv6 addresses are charged by their /64, the block one
 * subscriber usually holds.
 */
export function clientIp(req: http.IncomingMessage, trustProxy: number): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (trustProxy <= 0) return normalize(peer);
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  const candidate = chain[Math.max(0, chain.length - 1 - trustProxy)] ?? peer;
  // A proxy that wrote something other than an address is misconfigured: fall back to the peer.
  return net.isIP(stripZone(candidate)) ? normalize(candidate) : normalize(peer);
}

function normalize(address: string): string {
  const bare = stripZone(address);
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(bare)) return bare.slice(7);
  if (net.isIPv6(bare)) return `${expandIPv6(bare).slice(0, 4).join(":")}::/64`;
  return bare;
}

const stripZone = (address: string) => address.replace(/%.*$/, "");

/** The eight groups of an IPv6 address, "::" filled in (an embedded IPv4 tail counts as two). */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) =>
    part
      .split(":")
      .filter(Boolean)
      .flatMap((g) => {
        if (!g.includes(".")) return [g.toLowerCase().padStart(4, "0")];
        const [a, b, c, d] = g.split(".").map(Number) as [number, number, number, number];
        return [((a << 8) | b).toString(16).padStart(4, "0"), ((c << 8) | d).toString(16).padStart(4, "0")];
      });
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  return [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0000"), ...right];
}
