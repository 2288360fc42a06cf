"use client";

import { useEffect, useRef, useState } from "react";
import { type Board, BoardSync, type SeqEvent } from "@/lib/realtime/board-sync";
import type { RoundSnapshot, RoundUpdated, SeatsUpdated } from "@/lib/realtime/events";

export type Connection = "live" | "reconnecting";

/** The SSE `snapshot` event: the round:join snapshot plus the server's clock when it was read. */
type SnapshotEvent = RoundSnapshot & { serverNow: number };

// If the browser gives up on a stream (e.g. a proxy answered 502), open a new one after this long.
const REOPEN_MS = 2000;

/**
 * A read-only board kept live over Server-Sent Events. EventSource reconnects
 * by itself and sends Last-Event-ID, so the server replays what was missed or
 * sends a fresh snapshot (after a server restart, for instance). A gap opens a
 * new stream, which always starts with a snapshot.
 */
export function useRoundEvents(
  initial: RoundSnapshot,
  renderedAt: number,
): { board: Board; connection: Connection; offset: number } {
  const sync = useRef<BoardSync | null>(null);
  if (!sync.current) {
    sync.current = new BoardSync();
    sync.current.loadSnapshot(initial);
  }
  const [board, setBoard] = useState<Board>(() => copy(sync.current?.board as Board));
  const [connection, setConnection] = useState<Connection>("reconnecting");
  const [offset, setOffset] = useState(0);

  useEffect(() => setOffset(renderedAt - Date.now()), [renderedAt]);

  useEffect(() => {
    const roundId = initial.round.id;
    const state = sync.current as BoardSync;
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;

    const show = () => {
      if (state.board) setBoard(copy(state.board));
    };
    const open = () => {
      source?.close();
      const es = new EventSource(`/api/rounds/${encodeURIComponent(roundId)}/events`);
      source = es;
      es.onopen = () => setConnection("live");
      es.onerror = () => {
        setConnection("reconnecting");
        if (es.readyState === EventSource.CLOSED && !disposed) {
          clearTimeout(reopen);
          reopen = setTimeout(open, REOPEN_MS);
        }
      };
      es.addEventListener("snapshot", (e) => {
        const snapshot = JSON.parse((e as MessageEvent<string>).data) as SnapshotEvent;
        setOffset(snapshot.serverNow - Date.now());
        state.invalidate();
        state.loadSnapshot(snapshot);
        show();
      });
      const onDelta = (e: SeqEvent) => {
        if (state.receive(e) === "gap") open();
        else show();
      };
      es.addEventListener("seats", (e) => {
        onDelta({ kind: "seats", event: JSON.parse((e as MessageEvent<string>).data) as SeatsUpdated });
      });
      es.addEventListener("round", (e) => {
        onDelta({ kind: "round", event: JSON.parse((e as MessageEvent<string>).data) as RoundUpdated });
      });
    };

    open();
    return () => {
      disposed = true;
      clearTimeout(reopen);
      source?.close();
    };
  }, [initial.round.id]);

  return { board, connection, offset };
}

// BoardSync changes its board in place; React needs a new object to see it.
function copy(board: Board): Board {
  return { seq: board.seq, round: board.round, seats: [...board.seats] };
}
