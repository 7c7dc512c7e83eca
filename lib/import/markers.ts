/**
 * Finding a footnote's marker in running text, however the document wrote it: "[3]", "^3", "³", a
 * symbol ("*", "†"), or — in scans and PDF text — the superscript flattened into digits glued to the
 * word ("life.1", "1957.2", "others,3") or, for 1, read by OCR as a letter ("life.l").
 * Pure: used by the importer (notes.ts, repair/page-notes.ts) and by the preview's note editing.
 */
import { NOTE_CLOSE, NOTE_OPEN } from "./sentinel";

export interface MarkerMatch {
  /** where the marker starts in the text */
  index: number;
  /** the marker as written ("[3]", "3", "³", "l") — what is taken out of the text */
  original: string;
}

const SUPERSCRIPT: Record<string, string> = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };
/** How OCR reads a superscript 1 glued to a word ("life.l"). */
const OCR_ONE = "lI|";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Is the marker at `index` glued to a word? The word before must be a word and its closing
 * punctuation ("life.", "others,", "Stalin’s") — not a code or a decimal number ("25X1A2d1",
 * "3.5 per cent") — or a number closing a sentence at a line end or before a capital ("in 1957.2").
 * A marker read as a letter ("life.l") counts only after a word and its punctuation.
 */
function isGlued(text: string, index: number, marker: string): boolean {
  const token = text.slice(0, index).match(/\S*$/)![0];
  if (!token) return false;
  const after = text.slice(index + marker.length);
  if (/\p{L}/u.test(marker)) return /\p{L}{2,}[.,;:!?’”"')\]]+$/u.test(token) && /^(?:\s|$)/.test(after);
  // a word ("life.", "Stalin’s", "1990s,") — not a code with letters and digits interleaved ("25X1A2d")
  if (/^[“"‘(]?[\p{L}\p{N}][\p{L}\p{N}'’-]*\p{L}[.,;:!?’”"')\]]*$/u.test(token) && !/\p{L}\p{N}/u.test(token)) return true;
  return /^\d{1,4}[.,;:!?’”"')\]]+$/.test(token) && /^(?:\s*$|\s+["“‘(]?\p{Lu})/u.test(after);
}

/** The first marker for `label` in `text` at or after `from`, or null. */
export function findMarker(text: string, label: string, from = 0): MarkerMatch | null {
  const candidates: MarkerMatch[] = [];
  const push = (re: RegExp, original: (m: RegExpExecArray) => string, offset: (m: RegExpExecArray) => number = () => 0) => {
    re.lastIndex = from;
    const m = re.exec(text);
    if (m) candidates.push({ index: m.index + offset(m), original: original(m) });
  };
  push(new RegExp(`${NOTE_OPEN}${escape(label)}${NOTE_CLOSE}`, "g"), (m) => m[0]); // a superscript the parser already recognised
  push(new RegExp(`\\[\\^?${escape(label)}\\]`, "g"), (m) => m[0]);
  push(new RegExp(`(?<=\\S)\\^${escape(label)}(?!\\d)`, "g"), (m) => m[0]);
  if (/^\d+$/.test(label)) push(new RegExp(`(?<=[\\p{L}.,;:!?’”"')])${[...label].map((d) => SUPERSCRIPT[d]).join("")}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])`, "gu"), (m) => m[0]);
  else push(new RegExp(`(?<=[\\p{L}\\p{N}.,;:!?’”"')\\]])${escape(label)}(?=$|[\\s.,;:!?’”"')\\]—–-])`, "gu"), (m) => m[0]);
  if (/^\d+$/.test(label)) {
    const forms = label === "1" ? `1|[${OCR_ONE}]` : label;
    const re = new RegExp(`(?<![\\p{N}])(?:${forms})(?=$|[\\s.,;:!?)\\]—–])`, "gu");
    re.lastIndex = from;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (isGlued(text, m.index, m[0])) {
        candidates.push({ index: m.index, original: m[0] });
        break;
      }
    }
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0] ?? null;
}

/** A note's label as written at the start of its text: "3 Interview…", "3. Interview…", "[3] …", "³ …", "* …", "† …". */
export const NOTE_START_RE = /^\s*(?:\[(\d{1,3}|[*†‡§]{1,3})\]|(\d{1,3})(?:[.)]\s*|\s+)|([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s*|(\*{1,3}|[†‡§])\s*)(?=\S)/;

const FROM_SUPERSCRIPT: Record<string, string> = Object.fromEntries(Object.entries(SUPERSCRIPT).map(([d, s]) => [s, d]));

/** The label a note's text starts with and the text after it, or null: "3. Interview with…" → {label: "3", text: "Interview with…"}. */
export function leadingLabel(text: string): { label: string; written: string; text: string } | null {
  const m = text.match(NOTE_START_RE);
  if (!m) return null;
  const label = m[1] ?? m[2] ?? (m[3] ? [...m[3]].map((c) => FROM_SUPERSCRIPT[c]).join("") : m[4]!);
  return { label, written: m[0].trim(), text: text.slice(m[0].length) };
}
