/** A roster upload: at most this much text and this many rows (one class, with room).
 *  Apart from the zod schemas so the upload form can import them without zod. */
export const ROSTER_MAX_BYTES = 256 * 1024;
export const ROSTER_MAX_ROWS = 2_000;
