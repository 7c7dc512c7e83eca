import { describe, expect, test } from "vitest";
import { takeUserSlot, userSlotsHeld } from "@/lib/net/per-user-slots";

describe("per-user slots", () => {
  test("a user gets at most max at once; a release frees one (once); other users and kinds are counted apart", () => {
    const kind = `test-${Math.random()}`;
    const held = [takeUserSlot(kind, "ann", 2), takeUserSlot(kind, "ann", 2)];
    expect(held.every(Boolean)).toBe(true);
    expect(takeUserSlot(kind, "ann", 2)).toBeNull();
    expect(takeUserSlot(kind, "bob", 2)).not.toBeNull();
    expect(takeUserSlot(`${kind}-other`, "ann", 2)).not.toBeNull();

    held[0]!();
    held[0]!(); // a second release of the same slot frees nothing more
    expect(userSlotsHeld(kind, "ann")).toBe(1);
    const again = takeUserSlot(kind, "ann", 2);
    expect(again).not.toBeNull();
    expect(takeUserSlot(kind, "ann", 2)).toBeNull();
    again!();
    held[1]!();
    expect(userSlotsHeld(kind, "ann")).toBe(0);
  });
});
