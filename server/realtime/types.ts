import type { Server, Socket } from "socket.io";
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from "../../lib/realtime/events.ts";

export type IntakeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IntakeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
