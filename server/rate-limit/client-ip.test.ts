import type http from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip.ts";

const request = (remoteAddress: string | undefined, forwardedFor?: string | string[]) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }) as unknown as http.IncomingMessage;

describe("clientIp", () => {
  it("is the TCP peer without TRUST_PROXY, whatever X-Forwarded-For says", () => {
    expect(clientIp(request("192.0.2.10", "203.0.113.5"), 0)).toBe("192.0.2.10");
  });

  it("takes the address the outermost trusted proxy saw, from the right of X-Forwarded-For", () => {
    // The client wrote "1.1.1.1" itself; our one proxy appended the peer it saw.
    expect(clientIp(request("10.0.0.2", "1.1.1.1, 203.0.113.5"), 1)).toBe("203.0.113.5");
    // Two proxies: the second appended the first one's address.
    expect(clientIp(request("10.0.0.3", "1.1.1.1, 203.0.113.5, 10.0.0.2"), 2)).toBe("203.0.113.5");
    expect(clientIp(request("10.0.0.2", ["1.1.1.1", "203.0.113.5"]), 1)).toBe("203.0.113.5");
  });

  it("falls back to the furthest entry when the chain is shorter than the proxies trusted", () => {
    expect(clientIp(request("10.0.0.2", "203.0.113.5"), 3)).toBe("203.0.113.5");
    expect(clientIp(request("10.0.0.2"), 1)).toBe("10.0.0.2");
  });

  it("falls back to the peer when the trusted entry is not an address", () => {
    expect(clientIp(request("10.0.0.2", "not-an-address"), 1)).toBe("10.0.0.2");
  });

  it("unwraps IPv4-mapped IPv6 and charges IPv6 by its /64", () => {
    expect(clientIp(request("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientIp(request("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 0)).toBe("2001:0db8:0001:0002::/64");
    expect(clientIp(request("2001:db8:1:2::1"), 0)).toBe("2001:0db8:0001:0002::/64");
    expect(clientIp(request("2001:db8::1%eth0"), 0)).toBe("2001:0db8:0000:0000::/64");
    expect(clientIp(request("::1"), 0)).toBe("0000:0000:0000:0000::/64");
    expect(clientIp(request("10.0.0.2", "2001:db8:1:2::99"), 1)).toBe("2001:0db8:0001:0002::/64");
  });
});
