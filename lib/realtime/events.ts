import type { MilestoneInfo, RoundStatus } from "../domain/round-clock.ts";
import type { SeatStatus } from "../domain/seat-rules.ts";
import type { ErrorBody } from "../errors.ts";
import type { TRoundJoin, TRoundLeave, TSeatConfirm, TSeatHold, TSeatRelease, TTimeSync } from "../schemas/socket.ts";

/** All times on the wire are epoch milliseconds (UTC). */
export interface RoundView {
  id: string;
  programId: string;
  programName: string;
  title: string;
  seatCount: number;
  opensAt: number;
  deadline: number;
  timeZone: string;
  holdSeconds: number;
  status: RoundStatus;
  pausedAt: number | null;
  milestones: MilestoneInfo[];
}

export interface SeatView {
  id: string;
  label: string;
  row: number;
  col: number;
  status: SeatStatus;
  heldUntil?: number;
  /** Present and true only on the viewer's own seat. */
  mine?: true;
}

export interface RoundSnapshot {
  /** The round's sequence number this snapshot reflects; apply deltas with a higher seq. */
  seq: number;
  round: RoundView;
  seats: SeatView[];
}

export interface SeatUpdated {
  roundId: string;
  seq: number;
  seatId: string;
  status: SeatStatus;
  heldUntil?: number;
}

export interface RoundUpdated {
  roundId: string;
  seq: number;
  round: RoundView;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | ErrorBody;
type AckFn<T extends object = object> = (response: Ack<T>) => void;

export interface HoldInfo {
  seatId: string;
  label: string;
  expiresAt: number;
}

export interface ClientToServerEvents {
  "round:join": (payload: TRoundJoin, ack: AckFn<{ snapshot: RoundSnapshot }>) => void;
  "round:leave": (payload: TRoundLeave, ack: AckFn) => void;
  "seat:hold": (payload: TSeatHold, ack: AckFn<{ hold: HoldInfo }>) => void;
  "seat:confirm": (payload: TSeatConfirm, ack: AckFn<{ booking: { seatId: string; label: string } }>) => void;
  "seat:release": (payload: TSeatRelease, ack: AckFn) => void;
  "time:sync": (payload: TTimeSync, ack: AckFn<{ serverNow: number }>) => void;
}

export interface ServerToClientEvents {
  "seat:updated": (event: SeatUpdated) => void;
  "round:updated": (event: RoundUpdated) => void;
}

// biome-ignore lint/suspicious/noEmptyInterface: Socket.IO's server-to-server map; one instance for now.
export interface InterServerEvents {}

export interface SocketData {
  /** Absent for watchers without a session: they may watch but not claim. */
  applicantId?: string;
}

export const roomOf = (roundId: string) => `round:${roundId}`;
