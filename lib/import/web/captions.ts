/**
 * Picture credits inside captions ("(Reuters)", "Photo: Jane Roe", "Foto: REUTERS", "© Getty Images",
 * "California.David McNew—Getty Images", "…＝ロイター"): the photographer's credit is not the caption.
 */
import { names, tagOf } from "./dom";

const CREDIT_WORDS = new Set(["credit", "credits", "copyright", "attribution", "photographer", "courtesy", "source", "byline", "rights"]);

const AGENCY = String.raw`(?:Reuters|AP|AFP|EPA|Getty(?: Images)?|Associated Press|Shutterstock|iStock|Bloomberg|Xinhua|Kyodo|dpa|ANP|PA|Alamy|Corbis|NTB|TASS|ANSA|EFE|Keystone|Imago)`;

const CREDIT_TAIL_RES: RegExp[] = [
  // "(Reuters)", "(Ellen M. Banner / The Seattle Times)", "(Photo: …)", "(John Minchillo / AP)"
  new RegExp(String.raw`\s*\((?:(?:photo|foto|image|picture|credit|video)s?(?: by)?:?\s*[^()]{1,80}|[^()]{0,60}\/[^()]{1,60}|${AGENCY}[^()]{0,40}|[^()]{0,50}\b${AGENCY})\)\s*$`, "i"),
  // "Photo: Jane Roe", "Foto: REUTERS, NTB", "Credit: …", "Bild: Hersteller", "Image courtesy of …"
  /\s*(?:[|·•–—-]\s*)?(?:photo(?:graph)?s?|fotos?|bild(?:er)?|image|picture|credit|crédit(?:o)?|source|quelle|fuente|fonte)\s*(?:by|de|:)\s*[^.!?]{1,80}$/i,
  /\s*(?:[|·•–—-]\s*)?©\s*[^.!?]{1,100}$/,
  // "… New York.David McNew—Getty Images", "… shown. Chuck Burton/AP", "… Lula - Heinrich Aikawa/Instituto Lula"
  new RegExp(String.raw`(?<=[.!?”"')\]])\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*(?:[—–/]|\s-\s)\s*[\p{Lu}][\p{L}\s.&'’-]{1,40}$`, "u"),
  // "… in Paris Benoit Tessier/Reuters": a first name, perhaps an initial, a last name, a slash, an agency
  new RegExp(String.raw`\s+(?:[-–—|]\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}\.)?\s+\p{Lu}[\p{L}'’-]+\s*\/\s*${AGENCY}[\p{L}\s.&'’-]{0,30}$`, "u"),
  // "… Libertadores - Heinrich Aikawa/Instituto Lula"
  new RegExp(String.raw`\s+[-–—|]\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}\s*\/\s*\p{Lu}[\p{L}\s.&'’-]{1,40}$`, "u"),
  new RegExp(String.raw`\s*(?:[-–—|]\s*)${AGENCY}$`),
  // Japanese and Chinese captions credit after "＝" or in brackets: "…スアレス＝ロイター", "（新华社）"
  /＝[^＝。]{1,12}$/,
  /[（(][^（）()]{1,12}(?:社|通信|ロイター|共同|新华|摄)[)）]$/,
  // NPR writes the toggle into the caption: "… hide caption", "toggle caption"
  /\s*(?:hide|toggle|show) caption$/i,
];

/** The caption text without a picture credit at its end, or null when it has none. */
export function withoutCredit(text: string): string | null {
  let t = text.replace(/\s+/g, " ").trim();
  let changed = false;
  for (let round = 0; round < 3; round++) {
    let hit = false;
    for (const re of CREDIT_TAIL_RES) {
      const m = t.match(re);
      if (m && m.index !== undefined && m.index > 0) {
        t = t.slice(0, m.index).trim();
        hit = changed = true;
      }
    }
    if (!hit) break;
  }
  return changed ? t : null;
}

/** Elements inside a caption that hold only its credit. */
export function creditElements(caption: Element): Element[] {
  const out: Element[] = [];
  for (const el of Array.from(caption.querySelectorAll("*")) as Element[]) {
    if (out.some((o) => o.contains(el))) continue;
    if (names(el).some((n) => n.some((w) => CREDIT_WORDS.has(w)))) out.push(el);
  }
  return out;
}

/** Remove the last `count` non-space characters of the element's text (and the spaces among them). */
export function cutTail(el: Element, count: number): void {
  const texts: Text[] = [];
  const stack: Node[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === 3) { texts.push(n as Text); continue; }
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
  let left = count;
  for (let i = texts.length - 1; i >= 0 && left > 0; i--) {
    const chars = Array.from(texts[i]!.nodeValue ?? "");
    let j = chars.length;
    while (j > 0 && left > 0) {
      j--;
      if (!/\s/.test(chars[j]!)) left--;
    }
    texts[i]!.nodeValue = chars.slice(0, j).join("");
  }
}

const nonSpace = (s: string) => s.replace(/\s+/g, "").length;

/** The number of non-space characters of the credit at the end of `text` (0 when there is none). */
export function creditLength(text: string): number {
  const clean = withoutCredit(text);
  return clean === null ? 0 : nonSpace(text) - nonSpace(clean);
}

const PICTURE_WORDS = new Set(["photo", "image", "img", "foto", "picture", "pic", "media", "figure", "hero", "gallery"]);
const TEXT_WORDS = new Set(["desc", "description", "text", "legend", "caption", "subtitle", "info"]);

/** A caption: <figcaption>, a table's <caption>, or an element named as one ("wp-caption-text", "photo__desc"). */
export function isCaptionElement(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === "figcaption" || tag === "caption") return true;
  return names(el).some((n) =>
    n.some((w) => w === "caption" || w === "captions" || w === "legend" || w === "cutline") ||
    (n.some((w) => PICTURE_WORDS.has(w)) && n.some((w) => TEXT_WORDS.has(w))),
  );
}
