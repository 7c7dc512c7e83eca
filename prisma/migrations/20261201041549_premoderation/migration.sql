-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "premoderated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "wordList" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "muteReason" TEXT,
ADD COLUMN     "mutedUntil" TIMESTAMP(3),
ADD COLUMN     "premoderated" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Reading" ADD COLUMN     "discussionLockedAt" TIMESTAMP(3),
ADD COLUMN     "premoderated" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ModerationAction" ADD COLUMN     "readingId" TEXT,
ADD COLUMN     "subjectUserId" TEXT,
ALTER COLUMN "commentId" DROP NOT NULL,
ALTER COLUMN "fromStatus" DROP NOT NULL,
ALTER COLUMN "toStatus" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "ModerationAction_readingId_idx" ON "ModerationAction"("readingId");

-- CreateIndex
CREATE INDEX "ModerationAction_subjectUserId_idx" ON "ModerationAction"("subjectUserId");

-- AddForeignKey
ALTER TABLE "ModerationAction" ADD CONSTRAINT "ModerationAction_readingId_fkey" FOREIGN KEY ("readingId") REFERENCES "Reading"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModerationAction" ADD CONSTRAINT "ModerationAction_subjectUserId_fkey" FOREIGN KEY ("subjectUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
