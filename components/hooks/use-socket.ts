"use client";

import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";

export type IntakeClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** connected: the socket is up; reconnecting: Socket.IO is retrying; offline: the device is off the network or nothing retries. */
export type SocketState = "connected" | "reconnecting" | "offline";

const RETRY_MS = 3000;

let socket: IntakeClientSocket | undefined;

/**
 * The one socket of this tab, made on first use. Call it from effects and event
 * handlers only: during server rendering there is no origin to connect to.
 */
export function getSocket(): IntakeClientSocket {
  // Same origin: the session cookie rides along on the handshake. The reconnection
  // settings are Socket.IO's defaults, spelled out: exponential backoff from 1 s to
  // 5 s with ±50% jitter, for ever.
  socket ??= io({
    transports: ["websocket", "polling"],
    autoConnect: false,
    reconnection: true,
    reconnectionAttempts: Number.POSITIVE_INFINITY,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  return socket;
}

/**
 * Reconnects so the server authenticates the socket again from the cookie
 * (after signing in). The handshake is the only place the server reads it.
 */
export function reconnectSocket(): void {
  getSocket().disconnect().connect();
}

function stateOf(s: IntakeClientSocket): SocketState {
  if (s.connected) return "connected";
  if (typeof navigator !== "undefined" && !navigator.onLine) return "offline";
  return s.active ? "reconnecting" : "offline";
}

/** Connects the shared socket while a component needs it and reports its state. */
export function useSocketState(): SocketState {
  // Before the first effect, as on the server: say reconnecting, the honest "not yet".
  const [state, setState] = useState<SocketState>("reconnecting");

  useEffect(() => {
    const s = getSocket();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const update = () => setState(stateOf(s));
    // Socket.IO retries only lost connections, not a refused handshake nor a socket the server ended.
    const retryLater = () => {
      update();
      if (s.active || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        s.connect();
        update();
      }, RETRY_MS);
    };
    // The server ends a socket whose session ended (a sign-out, or a sign-in in another tab):
    // connect again as whoever the cookie now names, a watcher at least.
    const onDisconnect = (reason: string) => (reason === "io server disconnect" ? retryLater() : update());
    s.on("connect", update);
    s.on("disconnect", onDisconnect);
    s.on("connect_error", retryLater);
    s.io.on("reconnect_attempt", update);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    if (!s.connected && !s.active) s.connect();
    update();
    return () => {
      clearTimeout(retry);
      s.off("connect", update);
      s.off("disconnect", onDisconnect);
      s.off("connect_error", retryLater);
      s.io.off("reconnect_attempt", update);
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  return state;
}
