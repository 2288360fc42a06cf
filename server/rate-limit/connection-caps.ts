/** How many sockets and event streams one address or applicant may hold open on this server; null: no cap. */
export interface ConnectionCapSettings {
  ip?: number | null;
  applicant?: number | null;
}

export type ConnectionGrant = { ok: true; release(): void } | { ok: false; message: string };

export interface ConnectionCaps {
  /**
   * Takes a place for one long-lived connection (a Socket.IO socket or an SSE
   * stream) of this caller, or refuses when their address or applicant holds
   * as many as allowed. release() gives the place back; calling it twice is safe.
   */
  open(caller: { ip: string; applicantId?: string }): ConnectionGrant;
  /** Open connections counted for an address (tests, metrics). */
  count(key: { ip: string } | { applicantId: string }): number;
}

/**
 * Caps concurrent connections per address and per applicant, counted in this
 * process: rates of opening are limited elsewhere (the watch limit), but
 * without a cap on how many stay open, one address could hold thousands of
 * sockets, each costing memory and a share of every broadcast. Counting per
 * instance, not in Redis, is deliberate: what is scarce is each process's
 * memory, and a count that outlived a crashed instance would lock clients out.
 */
export function createConnectionCaps(settings: ConnectionCapSettings = {}): ConnectionCaps {
  const byIp = new Map<string, number>();
  const byApplicant = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, delta: number) => {
    const next = (map.get(key) ?? 0) + delta;
    if (next <= 0) map.delete(key);
    else map.set(key, next);
  };
  const full = (map: Map<string, number>, key: string, cap: number | null | undefined) =>
    cap !== null && cap !== undefined && (map.get(key) ?? 0) >= cap;

  return {
    open({ ip, applicantId }) {
      if (applicantId !== undefined && full(byApplicant, applicantId, settings.applicant)) {
        return { ok: false, message: refusal(settings.applicant as number, "you have") };
      }
      if (full(byIp, ip, settings.ip)) {
        return { ok: false, message: refusal(settings.ip as number, "your network has") };
      }
      add(byIp, ip, 1);
      if (applicantId !== undefined) add(byApplicant, applicantId, 1);
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          add(byIp, ip, -1);
          if (applicantId !== undefined) add(byApplicant, applicantId, -1);
        },
      };
    },
    count(key) {
      return "ip" in key ? (byIp.get(key.ip) ?? 0) : (byApplicant.get(key.applicantId) ?? 0);
    },
  };
}

function refusal(cap: number, who: string): string {
  return `Too many open connections: ${who} ${cap} live views open on this server. Close a tab or a screen and try again.`;
}
