/**
 * Types for the re-anchoring engine: when a published reading is edited (typo fixed, paragraphs
 * merged/split/reordered, a corrected file re-imported), every comment either follows its text to a
 * block of the new version or is reported as detached. Nothing here touches the database.
 */

/** One block of a reading (old or new version), in reading order. Headings: `commentable: false`. */
export interface AnchorBlock {
  id: string;
  text: string;
  commentable: boolean;
}

/**
 * Where a comment sits in the OLD version. Paragraph comments have only `blockId`; passage comments
 * also carry a W3C TextQuoteSelector (`quote`, `prefix`, `suffix`) and a TextPositionSelector
 * (`start`, `end`: UTF-16 offsets into the old block's text, used only as a hint).
 */
export interface CommentAnchor {
  id: string;
  blockId: string;
  quote?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}

/**
 * How an attached comment was placed.
 *
 * - `exact`: paragraph comment whose block text is byte-for-byte unchanged, or passage comment whose
 *   quote was found verbatim in the block its paragraph now corresponds to.
 * - `same-text`: identical after normalisation (whitespace, quote/dash style, case, accents), e.g. a
 *   re-import of the same text through another converter. The passage's quote is re-read from the new
 *   text.
 * - `similar-paragraph`: paragraph comment that followed an edited, merged or split paragraph.
 * - `moved`: passage found (exactly) in a different block than its paragraph's counterpart — e.g. the
 *   sentence moved, or the paragraph was split and the quote is in the other half.
 * - `fuzzy`: passage found approximately (its quoted text was itself edited, e.g. a typo fix).
 */
export type AttachHow = "exact" | "moved" | "fuzzy" | "similar-paragraph" | "same-text";

export type Placement =
  | {
      id: string;
      status: "attached";
      blockId: string;
      /** Passage comments only: the re-anchored selectors, computed against the NEW block's text. */
      start?: number;
      end?: number;
      quote?: string;
      prefix?: string;
      suffix?: string;
      how: AttachHow;
    }
  | { id: string; status: "detached"; reason: string };

/** The selectors stored with a passage comment. */
export interface PassageSelectors {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}
