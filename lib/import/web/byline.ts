/**
 * What a byline or date line says: "By Jane Roe · 12 March 2019", "Sarah Gooding March 9, 2017",
 * "Tuesday 15 October 2019 by Bradley M. Kuhn", "Pete Evans · CBC News · Posted: Oct 14, 2022 9:27 AM",
 * "Autori: Anna Ūdre (LTV …)", "15.05.2020, 07:11". Only what the line states; nothing is guessed.
 */
import { looksLikePersonName } from "../text-utils";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTH_RE = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

function monthIndex(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, "");
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3)));
}

const shown = (day: number, month: number, year: string) => `${day} ${MONTH_NAMES[month]} ${year}`;

interface Found {
  date: string;
  at: number;
  end: number;
}

/** The first date written in the line, shown as "9 March 2017" (or a bare year when that is all there is). */
export function findDate(text: string): Found | null {
  // a year may run into a time when a page glues them ("December 15, 20163:33 PM")
  let m = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?:\\b|(?=\\d{1,2}:\\d{2}))`, "i").exec(text);
  if (m) return { date: shown(Number(m[2]), monthIndex(m[1]!), m[3]!), at: m.index, end: m.index + m[0].length };
  m = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH_RE}\\.?,?\\s+(\\d{4})\\b`, "i").exec(text);
  if (m) return { date: shown(Number(m[1]), monthIndex(m[2]!), m[3]!), at: m.index, end: m.index + m[0].length };
  m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { date: shown(Number(m[3]), Number(m[2]) - 1, m[1]!), at: m.index, end: m.index + m[0].length };
  m = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { date: shown(Number(m[1]), Number(m[2]) - 1, m[3]!), at: m.index, end: m.index + m[0].length };
  m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  if (m) return { date: shown(Number(m[3]), Number(m[2]) - 1, m[1]!), at: m.index, end: m.index + m[0].length };
  m = /\b(1[5-9]\d\d|20\d\d)\b/.exec(text);
  if (m && !/\d/.test(text.replace(m[0], ""))) return { date: m[1]!, at: m.index, end: m.index + m[0].length };
  return null;
}

const PREFIX_RE = /^(?:(?:posted|written|words|photos?|text|reported)\s+by|by|par|von|por|di|door|av|af|autor(?:es|ka|i)?|autori|author|authors|text|texte)\b\s*:?\s*/i;

/** The author a byline names, or null. */
export function findAuthor(text: string): string | null {
  // "Le Monde | 04.05.2015 | Par Martin Untersinger": the segment that says who wrote it
  const segments = text.split(/\s*[|•·/]\s*/);
  let t = segments.find((seg) => PREFIX_RE.test(seg)) ?? text;
  const later = t.match(/\bby\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3})/u);
  if (PREFIX_RE.test(t)) t = t.replace(PREFIX_RE, "");
  else if (later) t = later[1]!; // "Tuesday 15 October 2019 by Bradley M. Kuhn"
  // the name ends at a separator, a parenthesis, a digit, a month, or "on"/"at"/"posted"…
  const cut = new RegExp(`\\s*(?:[·•|/(\\[\\d]|\\s[-–—]\\s|\\s(?:on|at|le|el|il|posted|updated|published)\\s|\\s(?=${MONTH_RE}\\b))`, "iu");
  const candidate = (t.split(cut)[0] ?? "").replace(/[,;:.]+$/, "").trim();
  if (!candidate) return null;
  // several authors: "Howard Schneider, Lindsay Dunsmuir", "Dana A. Ford and Tom Watkins"
  const people = candidate.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean);
  if (people.length > 1 && people.every((p) => looksLikePersonName(p))) return people.join(", ");
  return looksLikePersonName(candidate) ? candidate : null;
}

export function bylineFacts(line: string): { title?: string; author?: string; date?: string } {
  const text = line.replace(/\s+/g, " ").trim();
  // a labelled line ("Title: …", "Author: …", "Release Date: …"), as e-book headers write them
  const labelled = text.match(/^(title|author|release date|posting date|date)\s*:\s*(.+)$/i);
  if (labelled) {
    const value = labelled[2]!.trim();
    if (/^title$/i.test(labelled[1]!)) return { title: value };
    if (/^author$/i.test(labelled[1]!)) return looksLikePersonName(value) || value.split(/\s+/).length <= 6 ? { author: value } : {};
    const d = findDate(value);
    return d ? { date: d.date } : {};
  }
  const date = findDate(text);
  const author = findAuthor(text);
  return { ...(author ? { author } : {}), ...(date ? { date: date.date } : {}) };
}
