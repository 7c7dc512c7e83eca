/**
 * Markup debris inside text: HTML entities, stray or broken <sup>/<span>/<font> tags, escaped Markdown,
 * odd whitespace. Superscript labels become note-marker sentinels; everything else keeps its words.
 */
import type { RawBlock, Report } from "../raw";
import { noteMarker, NOTE_OPEN, plain, STRIKE_OPEN } from "../sentinel";
import { normalizeSpaces } from "../text-utils";

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0", shy: "\u00AD", mdash: "—", ndash: "–",
  hellip: "…", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", sbquo: "‚", bdquo: "„", laquo: "«", raquo: "»",
  copy: "©", reg: "®", trade: "™", sect: "§", para: "¶", dagger: "†", Dagger: "‡", bull: "•", middot: "·",
  deg: "°", prime: "′", Prime: "″", times: "×", divide: "÷", minus: "−", frac12: "½", frac14: "¼", frac34: "¾",
  sup1: "¹", sup2: "²", sup3: "³", ordm: "º", ordf: "ª", iexcl: "¡", iquest: "¿", pound: "£", euro: "€", cent: "¢",
  yen: "¥", szlig: "ß", aelig: "æ", AElig: "Æ", oelig: "œ", OElig: "Œ", oslash: "ø", Oslash: "Ø", aring: "å",
  Aring: "Å", ccedil: "ç", Ccedil: "Ç", ntilde: "ñ", Ntilde: "Ñ", thorn: "þ", eth: "ð", ensp: " ", emsp: " ", thinsp: " ",
  zwj: "", zwnj: "", lrm: "", rlm: "",
};
const ACCENTS: Record<string, string> = { acute: "\u0301", grave: "\u0300", circ: "\u0302", uml: "\u0308", tilde: "\u0303", cedil: "\u0327", ring: "\u030A", caron: "\u030C" };

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return whole;
      // Windows-1252 code points smuggled in as numeric references (&#151; for an em dash)
      if (code >= 0x80 && code <= 0x9f) return cp1252(code) || whole;
      return String.fromCodePoint(code);
    }
    if (NAMED[body] !== undefined) return NAMED[body]!;
    const m = body.match(/^([A-Za-z])(acute|grave|circ|uml|tilde|cedil|ring|caron)$/);
    if (m) return (m[1]! + ACCENTS[m[2]!]).normalize("NFC");
    return whole;
  });
}

const CP1252: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰", 0x8a: "Š",
  0x8b: "‹", 0x8c: "Œ", 0x8e: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—",
  0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›", 0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
};
function cp1252(code: number): string {
  return CP1252[code] ?? "";
}

/** A superscript that is a note label: digits, a symbol, a single letter, optionally bracketed. */
export const NOTE_LABEL_RE = /^\s*\[?\s*(\d{1,3}|[*†‡§¶#]{1,3}|[a-z])\s*\]?\s*$/;

const INLINE_TAGS =
  "a|abbr|acronym|b|basefont|bdi|bdo|big|blink|cite|code|del|dfn|em|font|i|ins|kbd|mark|nobr|q|s|samp|small|span|strike|strong|sub|tt|u|var|wbr|sup|center|o:p";
const TAG_RE = new RegExp(`</?(?:${INLINE_TAGS})(?:\\s[^<>]*)?/?>`, "gi");
const BLOCK_TAG_RE = /<\/?(?:p|div|br|hr|li|ul|ol|blockquote|h[1-6]|table|tr|td|th|tbody|thead|section|article)(?:\s[^<>]*)?\/?>/gi;

export interface DebrisOptions {
  /** Unescape backslash-escaped Markdown (the parser did not, because the text was not read as Markdown). */
  markdownEscapes: boolean;
}

/** Clean one text. Returns the cleaned text (with note-marker sentinels for superscript labels). */
export function cleanText(input: string, opts: DebrisOptions): string {
  let s = input;
  // An entity split by a tag: "<sup>&</sup>lt;sup>" was "&lt;sup>" before someone wrapped the "&".
  s = s.replace(/<(\w+)>&<\/\1>(?=#?\w{1,8};)/g, "&");
  // Entities, twice for double-escaped text ("&amp;lt;").
  s = decodeEntities(decodeEntities(s));
  // Superscripts: labels become markers, words stay words.
  s = s.replace(/<sup(?:\s[^<>]*)?>([\s\S]*?)<\/sup>/gi, (_m, inner: string) => {
    const label = inner.replace(/<[^<>]*>/g, "");
    const m = label.match(NOTE_LABEL_RE);
    return m ? noteMarker(m[1]!) : label;
  });
  s = s.replace(/<br\s*\/?>/gi, "\n");
  s = s.replace(TAG_RE, "").replace(BLOCK_TAG_RE, " ");
  s = s.replace(/<!--[\s\S]*?-->/g, "");
  if (opts.markdownEscapes) s = s.replace(/\\([\\`*_{}\[\]()#+\-.!~>|^])/g, "$1");
  s = normalizeSpaces(s);
  // no space between a word and the note marker that follows it
  s = s.replace(new RegExp(`\\s+(?=${NOTE_OPEN})`, "g"), "");
  return s;
}

export function cleanBlocks(blocks: RawBlock[], report: Report, opts: DebrisOptions): void {
  for (const b of blocks) {
    const before = b.text;
    const after = cleanText(before, opts);
    if (after !== before) {
      if (stripForCompare(before) !== stripForCompare(after)) {
        const id = report.id("clean-markup", b.source ?? before);
        if (report.skips(id)) continue; // undone: the markup stays as written
        report.addDiff("clean-markup", b, before, after, { id });
      }
      b.text = after;
    }
  }
}

function stripForCompare(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/**
 * Struck-through words (Markdown ~~should~~) are kept as words — a reading shows what the text says —
 * and taking the strike off is reported (undone, the text keeps "~~should~~" as written).
 */
export function unstrike(blocks: RawBlock[], report: Report): void {
  for (const b of blocks) {
    if (!b.text.includes(STRIKE_OPEN)) continue;
    b.text = b.text.replace(/\uE006([^\uE006\uE007]*)\uE007/g, (_m, inner: string) => {
      const words = plain(inner);
      const id = report.id("drop-strikethrough", `${words} in ${plain(b.source ?? b.text)}`);
      if (report.skips(id)) return `~~${inner}~~`;
      report.add("drop-strikethrough", b, `~~${words}~~`, words, { id });
      return inner;
    });
    b.text = b.text.replace(/[\uE006\uE007]/g, "");
  }
}
