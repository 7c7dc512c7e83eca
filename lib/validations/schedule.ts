import { z } from "zod";
import { idSchema } from "@/lib/validations/text";

/** A wall-clock time from <input type="datetime-local"> ("2027-03-14T23:59"), read in the
 *  course's time zone; "" or null clears the date. */
const wallClock = z
  .string()
  .max(32)
  .regex(/^$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a date and time like 2027-03-14 23:59.")
  .nullable()
  .optional();

export const scheduleSchema = z.object({
  opensAt: wallClock,
  dueAt: wallClock,
  closesAt: wallClock,
  draft: z.boolean().optional(),
});

export const READINGS_MAX = 500;
export const reorderSchema = z.object({
  readingIds: z.array(idSchema("reading")).min(1).max(READINGS_MAX),
});
