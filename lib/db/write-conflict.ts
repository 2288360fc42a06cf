/** Thrown inside a batch's transaction when a guarded write finds the seat or round changed under it; the engine retries. */
export class WriteConflict extends Error {}
