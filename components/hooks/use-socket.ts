"use client";

import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";

export type IntakeClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const RETRY_MS = 3000;

let socket: IntakeClientSocket | undefined;

/**
 * The one socket of this tab, made on first use. Call it from effects and event
 * handlers only: during server rendering there is no origin to connect to.
 */
export function getSocket(): IntakeClientSocket {
  // Same origin: the session cookie rides along on the handshake.
  socket ??= io({ transports: ["websocket", "polling"], autoConnect: false });
  return socket;
}

/**
 * Reconnects so the server authenticates the socket again from the cookie
 * (after signing in). The handshake is the only place the server reads it.
 */
export function reconnectSocket(): void {
  getSocket().disconnect().connect();
}

/** Connects the shared socket while a component needs it and reports whether it is connected. */
export function useSocketConnected(): boolean {
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const s = getSocket();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onConnect = () => setConnected(true);
    const onDisconnect = () => setConnected(false);
    // A refused handshake is not retried by Socket.IO itself (only lost connections are).
    const onConnectError = () => {
      if (s.active || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        s.connect();
      }, RETRY_MS);
    };
    s.on("connect", onConnect);
    s.on("disconnect", onDisconnect);
    s.on("connect_error", onConnectError);
    if (s.connected) onConnect();
    else if (!s.active) s.connect();
    return () => {
      clearTimeout(retry);
      s.off("connect", onConnect);
      s.off("disconnect", onDisconnect);
      s.off("connect_error", onConnectError);
    };
  }, []);

  return connected;
}
