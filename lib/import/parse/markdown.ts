/** Markdown (GFM + front matter) → raw blocks, via unified/remark. */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import YAML from "yaml";
import type { Root, RootContent, PhrasingContent, ListItem } from "mdast";
import type { RawBlock, RawDoc, RawMeta, RawNote } from "../raw";
import { EM_CLOSE, EM_OPEN, noteMarker, STRIKE_CLOSE, STRIKE_OPEN, STRONG_CLOSE, STRONG_OPEN } from "../sentinel";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml", "toml"]);

export function parseMarkdown(text: string): RawDoc {
  const tree = processor.parse(text) as Root;
  const doc: RawDoc = { blocks: [], notes: [], meta: {} };
  for (const node of tree.children) visitBlock(node, doc, null);
  return doc;
}

function visitBlock(node: RootContent, doc: RawDoc, inQuote: "quote" | null): void {
  const push = (b: RawBlock) => doc.blocks.push(inQuote && b.kind !== "break" ? { ...b, kind: "quote" } : b);
  switch (node.type) {
    case "yaml":
      Object.assign(doc.meta, frontMatter(node.value));
      return;
    case "heading":
      push({ kind: "heading", level: node.depth, text: inline(node.children), explicit: true });
      return;
    case "paragraph":
      push({ kind: "paragraph", text: inline(node.children) });
      return;
    case "blockquote":
      for (const child of node.children) visitBlock(child, doc, "quote");
      return;
    case "list": {
      let n = node.start ?? 1;
      for (const item of node.children) {
        listItem(item, node.ordered ? `${n}.` : undefined, doc, inQuote);
        n++;
      }
      return;
    }
    case "thematicBreak":
      push({ kind: "break", text: "" });
      return;
    case "code":
      // Indented "code" in a reading is almost always an indented quotation.
      if (node.lang == null && !/^\s*(?:```|~~~)/.test(node.value)) push({ kind: "quote", text: node.value.replace(/\s*\n\s*/g, " ") });
      else push({ kind: "paragraph", text: node.value });
      return;
    case "html":
      if (/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) return;
      push({ kind: "paragraph", text: node.value });
      return;
    case "table":
      for (const row of node.children) {
        const cells = row.children.map((c) => inline(c.children)).filter((t) => t.trim());
        if (cells.length) push({ kind: "paragraph", text: cells.join(" | "), explicit: true }); // its bars are cell rules, not debris
      }
      return;
    case "footnoteDefinition":
      doc.notes.push(footnote(node.label ?? node.identifier, node.children));
      return;
    default:
      return; // definitions, toml (unsupported), etc.
  }
}

function listItem(item: ListItem, ordinal: string | undefined, doc: RawDoc, inQuote: "quote" | null): void {
  let first = true;
  for (const child of item.children) {
    if (first && child.type === "paragraph") {
      const text = inline(child.children);
      doc.blocks.push({ kind: inQuote ?? "list", text: ordinal ? `${ordinal} ${text}` : text, ordinal, explicit: true });
      first = false;
      continue;
    }
    visitBlock(child, doc, inQuote);
    first = false;
  }
}

function footnote(label: string, children: RootContent[]): RawNote {
  const parts: string[] = [];
  for (const c of children) {
    if (c.type === "paragraph") parts.push(inline(c.children));
    else if (c.type === "blockquote" || c.type === "list") {
      const sub: RawDoc = { blocks: [], notes: [], meta: {} };
      visitBlock(c, sub, null);
      parts.push(...sub.blocks.map((b) => b.text));
    }
  }
  return { label, text: parts.join(" ") };
}

function inline(nodes: PhrasingContent[]): string {
  let out = "";
  for (const n of nodes) {
    switch (n.type) {
      case "text":
        out += n.value;
        break;
      case "emphasis":
        out += EM_OPEN + inline(n.children) + EM_CLOSE;
        break;
      case "strong":
        out += STRONG_OPEN + inline(n.children) + STRONG_CLOSE;
        break;
      case "delete":
        out += STRIKE_OPEN + inline(n.children) + STRIKE_CLOSE;
        break;
      case "link":
      case "linkReference":
        out += inline(n.children);
        break;
      case "inlineCode":
        out += n.value;
        break;
      case "break":
        out += "\n";
        break;
      case "html":
        out += n.value; // cleaned later (stray <sup>, <font> …)
        break;
      case "footnoteReference":
        out += noteMarker(n.label ?? n.identifier);
        break;
      default:
        break; // images: alt text is not the author's prose
    }
  }
  return out;
}

function frontMatter(yamlText: string): RawMeta {
  let data: unknown;
  try {
    data = YAML.parse(yamlText);
  } catch {
    return {};
  }
  if (!data || typeof data !== "object") return {};
  const d = data as Record<string, unknown>;
  const pick = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = d[k] ?? d[k.toLowerCase()] ?? d[k[0]!.toUpperCase() + k.slice(1)];
      if (typeof v === "string" && v.trim()) return v.trim();
      if (typeof v === "number") return String(v);
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (Array.isArray(v) && v.length && v.every((x) => typeof x === "string")) return (v as string[]).join(", ");
      if (v && typeof v === "object" && typeof (v as Record<string, unknown>).name === "string") return String((v as Record<string, unknown>).name);
    }
    return null;
  };
  const meta: RawMeta = {};
  const title = pick("title");
  const author = pick("author", "authors", "creator", "by");
  const source = pick("source", "publication", "publisher", "journal", "periodical", "container");
  const date = pick("date", "published", "year", "issued");
  if (title) meta.title = title;
  if (author) meta.author = author;
  if (source) meta.source = source;
  if (date) meta.date = date;
  return meta;
}
