-- CreateIndex
CREATE INDEX "Comment_readingId_parentId_idx" ON "Comment"("readingId", "parentId");
