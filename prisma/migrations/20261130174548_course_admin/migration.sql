-- CreateEnum
CREATE TYPE "RubricDeadline" AS ENUM ('DUE', 'CLOSE', 'NONE');

-- CreateEnum
CREATE TYPE "RubricCredit" AS ENUM ('PROPORTIONAL', 'ALL_OR_NOTHING');

-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "inviteExpiresAt" TIMESTAMP(3),
ADD COLUMN     "inviteToken" TEXT,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
-- Hand-written (Prisma cannot declare a generated column, so schema.prisma says
-- @default(dbgenerated())): words in the body, runs of non-space characters, computed by
-- PostgreSQL on every write so participation statistics never count at read time.
ALTER TABLE "Comment" ADD COLUMN "wordCount" INTEGER NOT NULL GENERATED ALWAYS AS (regexp_count("body", '\S+')) STORED;

-- CreateTable
CREATE TABLE "CourseInvitation" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'STUDENT',
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CourseInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipationRubric" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 10,
    "minComments" INTEGER NOT NULL DEFAULT 2,
    "minCommentWords" INTEGER NOT NULL DEFAULT 30,
    "minReplies" INTEGER NOT NULL DEFAULT 1,
    "minReplyWords" INTEGER NOT NULL DEFAULT 0,
    "deadline" "RubricDeadline" NOT NULL DEFAULT 'DUE',
    "credit" "RubricCredit" NOT NULL DEFAULT 'PROPORTIONAL',
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParticipationRubric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipationGrade" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "readingId" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "gradedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParticipationGrade_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CourseInvitation_tokenHash_key" ON "CourseInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "CourseInvitation_courseId_createdAt_idx" ON "CourseInvitation"("courseId", "createdAt");

-- CreateIndex
CREATE INDEX "CourseInvitation_email_idx" ON "CourseInvitation"("email");

-- CreateIndex
CREATE INDEX "CourseInvitation_createdById_idx" ON "CourseInvitation"("createdById");

-- CreateIndex
CREATE INDEX "CourseInvitation_acceptedById_idx" ON "CourseInvitation"("acceptedById");

-- CreateIndex
CREATE UNIQUE INDEX "ParticipationRubric_courseId_key" ON "ParticipationRubric"("courseId");

-- CreateIndex
CREATE INDEX "ParticipationGrade_courseId_idx" ON "ParticipationGrade"("courseId");

-- CreateIndex
CREATE INDEX "ParticipationGrade_studentId_idx" ON "ParticipationGrade"("studentId");

-- CreateIndex
CREATE INDEX "ParticipationGrade_gradedById_idx" ON "ParticipationGrade"("gradedById");

-- CreateIndex
CREATE UNIQUE INDEX "ParticipationGrade_readingId_studentId_key" ON "ParticipationGrade"("readingId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "Course_inviteToken_key" ON "Course"("inviteToken");

-- CreateIndex
CREATE INDEX "Comment_readingId_createdAt_id_idx" ON "Comment"("readingId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "CourseInvitation" ADD CONSTRAINT "CourseInvitation_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseInvitation" ADD CONSTRAINT "CourseInvitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseInvitation" ADD CONSTRAINT "CourseInvitation_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationRubric" ADD CONSTRAINT "ParticipationRubric_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationGrade" ADD CONSTRAINT "ParticipationGrade_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationGrade" ADD CONSTRAINT "ParticipationGrade_readingId_fkey" FOREIGN KEY ("readingId") REFERENCES "Reading"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationGrade" ADD CONSTRAINT "ParticipationGrade_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationGrade" ADD CONSTRAINT "ParticipationGrade_gradedById_fkey" FOREIGN KEY ("gradedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
