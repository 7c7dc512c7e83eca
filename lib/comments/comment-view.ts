import type { Role } from "@/generated/prisma/client";

/** What a classmate may see of a comment: display name and course role, never an email. */
export interface CommentView {
  id: string;
  blockId: string | null;
  parentId: string | null;
  rootId: string | null;
  body: string;
  createdAt: string;
  editedAt: string | null;
  author: { id: string; name: string; role: Role | null };
  isMine: boolean;
}

export const commentSelect = (courseId: string) =>
  ({
    id: true,
    blockId: true,
    parentId: true,
    rootId: true,
    body: true,
    createdAt: true,
    editedAt: true,
    author: {
      select: { id: true, name: true, memberships: { where: { courseId }, select: { role: true }, take: 1 } },
    },
  }) as const;

type Row = {
  id: string;
  blockId: string | null;
  parentId: string | null;
  rootId: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  author: { id: string; name: string; memberships: { role: Role }[] };
};

export function toCommentView(row: Row, viewerId: string): CommentView {
  return {
    id: row.id,
    blockId: row.blockId,
    parentId: row.parentId,
    rootId: row.rootId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    author: { id: row.author.id, name: row.author.name, role: row.author.memberships[0]?.role ?? null },
    isMine: row.author.id === viewerId,
  };
}
