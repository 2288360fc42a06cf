-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "roundId" TEXT,
    "seatId" TEXT,
    "holderBefore" TEXT,
    "holderAfter" TEXT,
    "before" TEXT,
    "after" TEXT,
    "outcome" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "traceId" TEXT,
    "detail" TEXT
);

-- CreateIndex
CREATE INDEX "AuditEntry_roundId_id_seatId_holderBefore_holderAfter_idx" ON "AuditEntry"("roundId", "id", "seatId", "holderBefore", "holderAfter");

-- CreateIndex
CREATE INDEX "AuditEntry_actorType_id_idx" ON "AuditEntry"("actorType", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- Append-only, enforced by the database: nothing in the product updates or deletes audit rows,
-- and a bug or a hand-typed statement that tries is aborted.
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"
BEGIN
    SELECT RAISE(ABORT, 'AuditEntry is append-only: rows cannot be updated');
END;

CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
BEGIN
    SELECT RAISE(ABORT, 'AuditEntry is append-only: rows cannot be deleted');
END;
