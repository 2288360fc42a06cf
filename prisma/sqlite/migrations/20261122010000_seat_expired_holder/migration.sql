-- AlterTable
ALTER TABLE "Seat" ADD COLUMN "expiredHolderId" TEXT;

