/**
 * How many of something each user holds at once in this app instance — live streams open,
 * reads in flight — with a cap, by a key that names the user (or one of their sessions).
 * `takeUserSlot` counts one and returns its release (call it once; later calls do nothing),
 * or null when the key already holds `max`.
 *
 * In memory, per instance: it bounds what one account can hold of an instance (its
 * connections, its place in the reads queue), which is where the harm is; across instances
 * the rate limits in the database (lib/rate-limit) apply. One map per kind on globalThis:
 * pages and route handlers are separate bundles, each with its own copy of this module.
 */
export function takeUserSlot(kind: string, key: string, max: number): (() => void) | null {
  const held = slotsOf(kind);
  const now = held.get(key) ?? 0;
  if (now >= max) return null;
  held.set(key, now + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(key) ?? 1) - 1;
    if (left <= 0) held.delete(key);
    else held.set(key, left);
  };
}

/** For tests and logs: how many of `kind` the user holds now. */
export function userSlotsHeld(kind: string, userId: string): number {
  return slotsOf(kind).get(userId) ?? 0;
}

function slotsOf(kind: string): Map<string, number> {
  const holder = globalThis as { [k: symbol]: Map<string, number> | undefined };
  return (holder[Symbol.for(`colloquy.userSlots.${kind}`)] ??= new Map());
}
