-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "allowAnonymous" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
-- Hand-written (Prisma cannot declare a generated column, so schema.prisma says
-- Unsupported("tsvector") @default(dbgenerated())): the reading text's search vector
-- (English stemming), computed by PostgreSQL on every write so search never parses text
-- at query time.
ALTER TABLE "Block" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "text")) STORED;

-- AlterTable
-- Hand-written, as above: the comment body's search vector.
ALTER TABLE "Comment" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "body")) STORED,
ADD COLUMN     "threadAuthorId" TEXT;

-- Instructors-only comments written before this column: the thread's first author.
UPDATE "Comment" c SET "threadAuthorId" = COALESCE((SELECT r."authorId" FROM "Comment" r WHERE r."id" = c."rootId"), c."authorId")
WHERE c."visibility" = 'INSTRUCTORS';

-- CreateIndex
CREATE INDEX "Block_searchVector_idx" ON "Block" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Comment_searchVector_idx" ON "Comment" USING GIN ("searchVector");
