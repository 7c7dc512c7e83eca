/**
 * Re-anchoring engine: pure functions, no I/O. See `reanchor.ts` (comments) and `match-blocks.ts`
 * (paragraph correspondence) for the rules.
 */
export type { AnchorBlock, AttachHow, CommentAnchor, Placement, PassageSelectors } from "./types";
export { reanchor } from "./reanchor";
export { matchBlocks } from "./match-blocks";
export { describeSelectors } from "./selectors";
