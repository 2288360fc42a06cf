import type { MilestoneInfo, RoundStatus } from "../domain/round-clock.ts";
import type { SeatStatus } from "../domain/seat-rules.ts";
import type { ErrorBody } from "../errors.ts";
import type {
  TRoundJoin,
  TRoundLeave,
  TSeatConfirm,
  TSeatHold,
  TSeatRelease,
  TTimeSync,
  TWaitlistJoin,
  TWaitlistLeave,
} from "../schemas/socket.ts";

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

/** One seat's new state within a `seats:updated` event: the delta a board applies (the wire form of a SeatStep). */
export interface SeatDelta {
  seatId: string;
  status: SeatStatus;
  heldUntil?: number;
}

/**
 * The seat changes of one committed batch, in seq order: change i carries seq
 * `seq - seats.length + 1 + i`, so `seq` is the round's seq after the last one.
 * One event per commit (not per seat) is what keeps a watched board cheap.
 */
export interface SeatsUpdated {
  roundId: string;
  seq: number;
  seats: SeatDelta[];
}

export interface RoundUpdated {
  roundId: string;
  seq: number;
  round: RoundView;
}

/**
 * A command's answer. The server's always carries the command's `requestId`
 * (the payload's, or one it made); only an answer a client makes up itself
 * (a timeout) has none.
 */
export type Ack<T extends object = object> = (({ ok: true } & T) | ErrorBody) & { requestId?: string };

export interface HoldInfo {
  seatId: string;
  label: string;
  expiresAt: number;
}

/** The viewer's place on a round's waitlist: position 1 is next; null when not waiting. */
export interface WaitlistStatus {
  roundId: string;
  length: number;
  position: number | null;
}

/** Sent to an applicant an admin has just given a seat (reassign): it is theirs, held or booked. */
export interface SeatAssigned {
  roundId: string;
  seatId: string;
  label: string;
  status: "HELD" | "BOOKED";
  /** When a held seat's hold runs out. */
  heldUntil?: number;
}

/** Sent to the first in line when a seat frees: it is already held for them until expiresAt. */
export interface WaitlistOffer {
  roundId: string;
  seatId: string;
  label: string;
  expiresAt: number;
}

/**
 * What each command's acknowledgement carries beside `ok: true` when it
 * succeeds. Kept as a map of its own (not read back out of the listener types
 * below) so that `AckOf<E>` stays a plain indexed type: a handler's literal
 * `{ ok: true, ... }` is then checked against it as written.
 */
export interface CommandAnswers {
  "round:join": { snapshot: RoundSnapshot; waitlist: WaitlistStatus };
  "round:leave": object;
  "seat:hold": { hold: HoldInfo };
  "seat:confirm": { booking: { seatId: string; label: string } };
  "seat:release": object;
  "time:sync": { serverNow: number };
  "waitlist:join": { position: number };
  "waitlist:leave": object;
}

/** The acknowledgement a command answers: what its server handler returns and its emitter receives. */
export type AckOf<E extends keyof CommandAnswers> = Ack<CommandAnswers[E]>;
type AckFn<E extends keyof CommandAnswers> = (response: AckOf<E>) => void;

export interface ClientToServerEvents {
  "round:join": (payload: TRoundJoin, ack: AckFn<"round:join">) => void;
  "round:leave": (payload: TRoundLeave, ack: AckFn<"round:leave">) => void;
  "seat:hold": (payload: TSeatHold, ack: AckFn<"seat:hold">) => void;
  "seat:confirm": (payload: TSeatConfirm, ack: AckFn<"seat:confirm">) => void;
  "seat:release": (payload: TSeatRelease, ack: AckFn<"seat:release">) => void;
  "time:sync": (payload: TTimeSync, ack: AckFn<"time:sync">) => void;
  "waitlist:join": (payload: TWaitlistJoin, ack: AckFn<"waitlist:join">) => void;
  "waitlist:leave": (payload: TWaitlistLeave, ack: AckFn<"waitlist:leave">) => void;
}

/** The payload a command takes. */
export type PayloadOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

export interface ServerToClientEvents {
  "seats:updated": (event: SeatsUpdated) => void;
  "round:updated": (event: RoundUpdated) => void;
  /** To each waiting applicant when the line moves, and to the room (position null) with the new length. */
  "waitlist:updated": (event: WaitlistStatus) => void;
  /** To the applicant an admin reassigned a seat to (the room hears the seat change as usual). */
  "seat:assigned": (event: SeatAssigned) => void;
  /** To the applicant offered a seat from the waitlist. */
  "waitlist:offer": (event: WaitlistOffer) => void;
}

// biome-ignore lint/suspicious/noEmptyInterface: Socket.IO's server-to-server map; one instance for now.
export interface InterServerEvents {}

export interface SocketData {
  /** Absent for watchers without a session: they may watch but not claim. */
  applicantId?: string;
  /** The live session (applicant or admin) the handshake found; its sign-out disconnects the socket. */
  sessionId?: string;
}

export const roomOf = (roundId: string) => `round:${roundId}`;
/** Every socket of one applicant, for private events (waitlist position and offers). */
export const applicantRoomOf = (applicantId: string) => `applicant:${applicantId}`;
/** Every socket of one session, so signing out disconnects them (on every instance, given an adapter that spans them). */
export const sessionRoomOf = (sessionId: string) => `session:${sessionId}`;
