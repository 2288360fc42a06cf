"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ErrorBody } from "@/lib/errors";
import { type Board, BoardSync, type ReceiveResult } from "@/lib/realtime/board-sync";
import type {
  Ack,
  HoldInfo,
  RoundSnapshot,
  RoundUpdated,
  SeatAssigned,
  SeatsUpdated,
  WaitlistOffer,
  WaitlistStatus,
} from "@/lib/realtime/events";
import { getSocket } from "./use-socket";

const ACK_TIMEOUT_MS = 8000;

const noAnswer: ErrorBody = {
  ok: false,
  error: { code: "UNAVAILABLE", message: "The server did not answer. Check your connection and try again." },
};

export interface RoundCommands {
  /** Holds `seatId`, or the best available seat when it is left out. */
  hold(seatId?: string): Promise<Ack<{ hold: HoldInfo }>>;
  confirm(seatId: string): Promise<Ack<{ booking: { seatId: string; label: string } }>>;
  release(seatId: string): Promise<Ack>;
  joinWaitlist(): Promise<Ack<{ position: number }>>;
  leaveWaitlist(): Promise<Ack>;
}

export interface RoundBoardState {
  board: Board;
  /** Joined and receiving changes; false while connecting or catching up. */
  live: boolean;
  /** Why the board cannot follow the round, if it cannot. */
  problem: string | null;
  /** The round's line and the viewer's place in it (null until the first join answers). */
  waitlist: WaitlistStatus | null;
  commands: RoundCommands;
}

/** Copies what BoardSync holds so React sees a new board (unchanged seats keep their identity). */
const copyOf = (board: Board): Board => ({ ...board, seats: [...board.seats] });

/**
 * The round's board, kept live over the shared socket: join for a snapshot,
 * apply broadcasts in seq order through BoardSync, and join again after a gap
 * or a reconnect. Until the first join answers, the server-rendered snapshot shows.
 */
export function useRoundBoard(initial: RoundSnapshot, onOffer?: (offer: WaitlistOffer) => void): RoundBoardState {
  const roundId = initial.round.id;
  const [board, setBoard] = useState<Board>(() => copyOf(initial));
  const [live, setLive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [waitlist, setWaitlist] = useState<WaitlistStatus | null>(null);
  const onOfferRef = useRef(onOffer);
  // Written after commit, not during render (a render React throws away must not leak); before paint, so no
  // broadcast handled after this render sees the previous callback.
  useLayoutEffect(() => {
    onOfferRef.current = onOffer;
  });
  const markMineRef = useRef<(seatId: string) => void>(() => {});

  useEffect(() => {
    const socket = getSocket();
    const sync = new BoardSync();
    // Seats this viewer won while the board was catching up: the snapshot may predate them.
    const wonWhileSyncing = new Set<string>();
    let frame: number | undefined;
    let generation = 0;
    let cancelled = false;
    // Set when a snapshot has loaded: "live" shows in the same render as the board it describes.
    let liveOnPublish = false;

    // Bursts of broadcasts become one render per animation frame.
    const publish = () => {
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        if (sync.board) setBoard(copyOf(sync.board));
        if (liveOnPublish) {
          liveOnPublish = false;
          setLive(true);
        }
      });
    };

    const markMine = (seatId: string) => {
      const current = sync.board;
      if (!current) {
        wonWhileSyncing.add(seatId);
        return;
      }
      const at = current.seats.findIndex((s) => s.id === seatId);
      const seat = current.seats[at];
      // A free seat is nobody's; BoardSync keeps `mine` only while the seat stays taken.
      if (!seat || seat.mine || seat.status === "FREE") return;
      current.seats[at] = { ...seat, mine: true };
      publish();
    };
    markMineRef.current = markMine;

    const resync = () => {
      sync.invalidate();
      liveOnPublish = false;
      setLive(false);
      const attempt = ++generation;
      if (!socket.connected) return; // the connect handler joins
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("round:join", { roundId })
        .then(
          (ack) => {
            if (cancelled || attempt !== generation) return;
            if (!ack.ok) {
              setProblem(ack.error.message);
              return;
            }
            const result = sync.loadSnapshot(ack.snapshot);
            if (result === "gap") {
              resync();
              return;
            }
            setWaitlist(ack.waitlist);
            for (const seatId of wonWhileSyncing) markMine(seatId);
            wonWhileSyncing.clear();
            setProblem(null);
            liveOnPublish = true;
            publish();
          },
          () => {
            if (!cancelled && attempt === generation) resync();
          },
        );
    };

    const apply = (result: ReceiveResult) => {
      if (result === "applied") publish();
      else if (result === "gap") resync();
    };
    const onSeats = (event: SeatsUpdated) => {
      if (event.roundId === roundId) apply(sync.receive({ kind: "seats", event }));
    };
    const onRound = (event: RoundUpdated) => {
      if (event.roundId === roundId) apply(sync.receive({ kind: "round", event }));
    };
    // The room hears the line's length; the viewer's own sockets also hear their place in it.
    const onWaitlist = (event: WaitlistStatus) => {
      if (event.roundId !== roundId) return;
      setWaitlist((current) =>
        event.position !== null ? event : { roundId, length: event.length, position: current?.position ?? null },
      );
    };
    const onWaitlistOffer = (offer: WaitlistOffer) => {
      if (offer.roundId !== roundId) return;
      setWaitlist((current) => (current ? { ...current, position: null } : current));
      markMine(offer.seatId);
      onOfferRef.current?.(offer);
    };
    // An admin gave this applicant a seat: the room heard the change, only we know it is ours.
    const onAssigned = (event: SeatAssigned) => {
      if (event.roundId === roundId) markMine(event.seatId);
    };
    const onDisconnect = () => {
      liveOnPublish = false;
      setLive(false);
    };

    socket.on("seats:updated", onSeats);
    socket.on("round:updated", onRound);
    socket.on("waitlist:updated", onWaitlist);
    socket.on("waitlist:offer", onWaitlistOffer);
    socket.on("seat:assigned", onAssigned);
    socket.on("connect", resync);
    socket.on("disconnect", onDisconnect);
    if (socket.connected) resync();

    return () => {
      cancelled = true;
      if (frame !== undefined) cancelAnimationFrame(frame);
      markMineRef.current = () => {};
      socket.off("seats:updated", onSeats);
      socket.off("round:updated", onRound);
      socket.off("waitlist:updated", onWaitlist);
      socket.off("waitlist:offer", onWaitlistOffer);
      socket.off("seat:assigned", onAssigned);
      socket.off("connect", resync);
      socket.off("disconnect", onDisconnect);
      if (socket.connected) socket.emit("round:leave", { roundId }, () => {});
    };
  }, [roundId]);

  const commands = useMemo<RoundCommands>(() => {
    const send = async <T extends object>(request: () => Promise<Ack<T>>): Promise<Ack<T>> => {
      try {
        return await request();
      } catch {
        return noAnswer;
      }
    };
    const socket = () => getSocket().timeout(ACK_TIMEOUT_MS);
    return {
      async hold(seatId) {
        const ack = await send(() => socket().emitWithAck("seat:hold", seatId ? { roundId, seatId } : { roundId }));
        if (ack.ok) markMineRef.current(ack.hold.seatId);
        return ack;
      },
      confirm: (seatId) => send(() => socket().emitWithAck("seat:confirm", { roundId, seatId })),
      release: (seatId) => send(() => socket().emitWithAck("seat:release", { roundId, seatId })),
      async joinWaitlist() {
        const ack = await send(() => socket().emitWithAck("waitlist:join", { roundId }));
        if (ack.ok) {
          const position = ack.position;
          setWaitlist((current) => ({ roundId, length: Math.max(current?.length ?? 0, position), position }));
        }
        return ack;
      },
      async leaveWaitlist() {
        const ack = await send(() => socket().emitWithAck("waitlist:leave", { roundId }));
        if (ack.ok) setWaitlist((current) => (current ? { ...current, position: null } : current));
        return ack;
      },
    };
  }, [roundId]);

  return { board, live, problem, waitlist, commands };
}
