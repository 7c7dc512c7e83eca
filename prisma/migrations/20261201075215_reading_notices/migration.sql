-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'READING_OPEN';
ALTER TYPE "NotificationKind" ADD VALUE 'READING_DUE';

-- AlterTable
ALTER TABLE "Reading" ADD COLUMN     "dueNotifiedAt" TIMESTAMP(3),
ADD COLUMN     "openNotifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "NotificationSettings" ADD COLUMN     "readingDue" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "readingOpen" BOOLEAN NOT NULL DEFAULT true;

-- Hand-written: readings already open (or already due) when this ships were never news to
-- their students. Mark them told, so the first run of the notices job does not announce
-- every reading of every course at once.
UPDATE "Reading" SET "openNotifiedAt" = now()
  WHERE "publishedAt" IS NOT NULL AND COALESCE("opensAt", "publishedAt") <= now();
UPDATE "Reading" SET "dueNotifiedAt" = now() WHERE "dueAt" IS NOT NULL AND "dueAt" <= now();
