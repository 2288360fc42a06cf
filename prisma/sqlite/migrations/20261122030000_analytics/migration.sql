-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "roundId" TEXT,
    "applicantId" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'direct',
    "submittedAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "outcome" TEXT,
    CONSTRAINT "Application_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Application_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "Applicant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApplicationDaily" (
    "programId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "dayStart" DATETIME NOT NULL,
    "applications" INTEGER NOT NULL DEFAULT 0,
    "admitted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "withdrawn" INTEGER NOT NULL DEFAULT 0,
    "waitlisted" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("programId", "channel", "dayStart")
);

-- CreateTable
CREATE TABLE "ApplicationHourly" (
    "programId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "hourStart" DATETIME NOT NULL,
    "applications" INTEGER NOT NULL DEFAULT 0,
    "admitted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "withdrawn" INTEGER NOT NULL DEFAULT 0,
    "waitlisted" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("programId", "channel", "hourStart")
);

-- CreateTable
CREATE TABLE "AdminCredential" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'admin',
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Application_programId_submittedAt_idx" ON "Application"("programId", "submittedAt");

-- CreateIndex
CREATE INDEX "Application_submittedAt_idx" ON "Application"("submittedAt");

-- CreateIndex
CREATE INDEX "ApplicationDaily_dayStart_idx" ON "ApplicationDaily"("dayStart");

-- CreateIndex
CREATE INDEX "ApplicationHourly_hourStart_idx" ON "ApplicationHourly"("hourStart");

