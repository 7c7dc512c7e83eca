import { z } from "zod";

export const ROLE_VALUES = ["STUDENT", "TA", "INSTRUCTOR"] as const;
export const roleSchema = z.enum(ROLE_VALUES, { error: "Choose a role: student, TA or instructor." });

import { ROSTER_MAX_BYTES } from "@/lib/courses/roster-limits";

export { ROSTER_MAX_BYTES, ROSTER_MAX_ROWS } from "@/lib/courses/roster-limits";

export const addMembersSchema = z.object({
  csv: z
    .string({ error: "Paste the roster or choose a CSV file." })
    .max(ROSTER_MAX_BYTES, `A roster can be at most ${ROSTER_MAX_BYTES / 1024} KB — split it into several uploads.`)
    .refine((s) => s.trim().length > 0, "Paste the roster or choose a CSV file."),
  role: roleSchema.default("STUDENT"),
});

export const changeRoleSchema = z.object({ role: roleSchema });

export const INVITE_LINK_DAYS = [1, 7, 14, 30, 90, 180] as const;
export const inviteLinkSchema = z.object({
  days: z.coerce
    .number({ error: "Choose how long the link works." })
    .refine((d) => (INVITE_LINK_DAYS as readonly number[]).includes(d), "Choose how long the link works: 1, 7, 14, 30, 90 or 180 days."),
});

export const courseSettingsSchema = z
  .object({
    archived: z.boolean().optional(),
    timeZone: z.string().max(64).optional(),
    /** Students may post anonymously to classmates (lib/comments/anonymity.ts). */
    allowAnonymous: z.boolean({ error: "allowAnonymous is true or false." }).optional(),
  })
  .refine((v) => v.archived !== undefined || v.timeZone !== undefined || v.allowAnonymous !== undefined, "Nothing to change.");

export const deleteCourseSchema = z.object({
  confirmTitle: z.string({ error: "Type the course title to confirm." }).max(200),
});
