/** Paywalls, subscription pitches, cookie banners, navigation lines and transcription credits. */
import type { RawBlock, RawMeta, Report } from "../raw";
import { plain } from "../sentinel";
import { endsSentence, wordCount } from "../text-utils";
import { isNavLine } from "../metadata";

/** Phrases only a paywall uses. */
const PAYWALL_STRONG_RE =
  /\b(?:you are reading a free article|you(?:'|’)ve reached your (?:free )?article limit|free articles? (?:left|remaining)|subscribers? only|unlimited (?:digital )?access|already a subscriber|sign in to (?:continue|read)|log in to (?:continue|read)|create a free account|register (?:now )?to (?:continue|read)|to continue reading|paywall-free)\b/i;
/** Phrases prose can use too ("readers who subscribe to the theory …"): only in a short block. */
const PAYWALL_WEAK_RE = /\b(?:subscribe (?:now|today|to|for)|for subscribers|become a (?:member|subscriber)|start your (?:free )?trial)\b|^subscribe$/i;
const COOKIE_RE = /\b(?:we use cookies|this (?:web)?site uses cookies|accept (?:all )?cookies|cookie (?:policy|settings))\b/i;
const CREDIT_RE =
  /^(?:scanned and prepared|scanned by|transcribed by|transcription(?: and| &)? (?:markup|mark-up)|transcription:|html markup|proofread(?:ing)? by|prepared for the .* internet archive|digiti[sz]ed by|ocr(?:'d)? by|this (?:text|e-?text|document) (?:was|is) (?:prepared|transcribed|scanned))/i;
const NAV_PHRASE_RE =
  /^(?:back to (?:top|index|contents|home)|top of (?:the )?page|return to|go to|click here|print (?:this|article)|share (?:this|on)|email this|advertisement|skip to (?:main )?content|table of contents)\b/i;

function isPaywall(t: string): boolean {
  const words = wordCount(t);
  return (PAYWALL_STRONG_RE.test(t) && words <= 40) || (PAYWALL_WEAK_RE.test(t) && words <= 15);
}

/**
 * Removes boilerplate blocks; may fill `meta.source` from "Subscribe to <Publication>".
 * A removal the user undid leaves the block in place (marked `keep`); the paywall state runs on as
 * before, so the repairs around it keep their ids.
 */
export function dropBoilerplate(blocks: RawBlock[], meta: RawMeta, report: Report): RawBlock[] {
  const out: RawBlock[] = [];
  let inPaywall = false;
  /** Remove `b` under `rule` unless the user undid it. */
  const drop = (rule: string, b: RawBlock, t: string): void => {
    const id = report.id(rule, b.source ?? t);
    if (report.skips(id)) { b.keep = true; out.push(b); return; }
    report.add(rule, null, t, "", { id, near: b });
  };
  for (const b of blocks) {
    if (b.keep) { out.push(b); continue; }
    if (b.kind === "break" || b.kind === "note" || (b.kind === "heading" && b.explicit && !inPaywall)) {
      if (b.kind !== "break") inPaywall = false;
      out.push(b);
      continue;
    }
    const t = plain(b.text).replace(/\s+/g, " ").trim();
    if (isPaywall(t)) {
      inPaywall = true;
      const pub = t.match(/\b[Ss]ubscribe to (?:the )?([A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,5}) (?:to|for|and|today|now)\b/);
      if (pub && !meta.source) {
        const id = report.id("metadata-source", t);
        if (!report.skips(id)) { meta.source = pub[1]!; report.add("metadata-source", null, t, `source: ${meta.source}`, { id }); }
      }
      drop("drop-paywall", b, t);
      continue;
    }
    // a paywall's trailing pitch: bullet points and short lines until the prose resumes
    if (inPaywall && (b.kind === "list" || wordCount(t) <= 25 && !endsSentenceLong(t))) {
      drop("drop-paywall", b, t);
      continue;
    }
    inPaywall = false;
    if (COOKIE_RE.test(t) && wordCount(t) <= 60) { drop("drop-boilerplate", b, t); continue; }
    if (CREDIT_RE.test(t) && wordCount(t) <= 40) { drop("move-credits", b, t); continue; }
    if (NAV_PHRASE_RE.test(t) && wordCount(t) <= 8) { drop("drop-navigation", b, t); continue; }
    if (isNavLine(t) && /\s[|•·]\s/.test(t)) { drop("drop-navigation", b, t); continue; }
    out.push(b);
  }
  return out;
}

function endsSentenceLong(t: string): boolean {
  return endsSentence(t) && wordCount(t) > 12;
}
