-- AlterTable
ALTER TABLE "Reading" ADD COLUMN     "allowAnonymous" BOOLEAN,
ADD COLUMN     "postFirst" BOOLEAN NOT NULL DEFAULT false;
