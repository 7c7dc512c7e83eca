import "server-only";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkBreaks from "remark-breaks";
import remarkRehype from "remark-rehype";
import rehypeSanitize, { type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import type { Root as MdastRoot, Nodes as MdastNodes, Parent as MdastParent, PhrasingContent } from "mdast";
import type { Root as HastRoot, Element } from "hast";
import { visit } from "unist-util-visit";
import { rehypeMentions } from "@/lib/comments/mentions";

/**
 * Comment Markdown → sanitized HTML, on the server only (the reading page never ships
 * remark). Rendered once when a comment is written and stored beside its source.
 *
 * What a comment may contain: paragraphs and line breaks (a newline is a line break, as
 * people type in a comment box), emphasis, strikethrough, links (also bare URLs), lists,
 * block quotes, inline code and code blocks, tables. Headings become bold paragraphs (a
 * comment is not a document outline); images become links (no third-party loads in a
 * reading). Raw HTML is shown as the text that was typed, and everything passes through
 * rehype-sanitize with an allow-list, so no tag, attribute, event handler or
 * `javascript:`/`data:` URL survives. Links get rel="nofollow noopener ugc"; only links
 * to other sites open in a new tab.
 *
 * Bounded, because micromark is quadratic on some shapes (5,000 "*a" took 3 s, 1,000
 * list items 1 s, 2,500 "> - " overflowed the stack): container markers nested deeper than
 * MAX_DEPTH on a line are escaped (shown as typed) and indentation is capped, outside code
 * fences; a comment with more than MAX_SPECIALS inline delimiters or MAX_LIST_LINES list
 * items is shown exactly as typed (plain text) instead of parsed; after parsing, anything
 * still deeper is flattened to its text; output larger than MAX_HTML_CHARS (reference
 * links can multiply the input) is refused with MarkdownTooLargeError.
 */
export const MAX_DEPTH = 8;
export const MAX_SPECIALS = 1000;
export const MAX_LIST_LINES = 200;
export const MAX_HTML_CHARS = 200_000;
const MAX_INDENT = 2 * MAX_DEPTH + 4;

export class MarkdownTooLargeError extends Error {
  constructor() {
    super("This comment's formatting expands to too much text. Use fewer repeated links or plain text.");
    this.name = "MarkdownTooLargeError";
  }
}

const schema: SanitizeSchema = {
  tagNames: ["p", "br", "em", "strong", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "span"],
  attributes: {
    a: ["href"],
    // Mentions (lib/comments/mentions.ts): the user id, resolved to a name when viewed.
    span: [["dataMention", /^[a-z0-9]{1,40}$/]],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
  },
  protocols: { href: ["http", "https", "mailto"] },
  // Elements whose content must not survive as text either.
  strip: ["script", "style"],
  clobberPrefix: "user-content-",
  clobber: [],
};

const CONTAINERS = new Set(["blockquote", "list", "listItem", "table", "tableRow", "tableCell", "emphasis", "strong", "delete", "link", "linkReference", "footnoteDefinition"]);

/** Raw HTML in the source is shown as the text that was typed (a block of HTML becomes a
 *  paragraph of text). */
function htmlAsText() {
  return (tree: MdastRoot) => {
    visit(tree, "html", (node, index, parent) => {
      if (!parent || index === undefined) return;
      const text = { type: "text" as const, value: node.value };
      const isFlow = parent.type === "root" || parent.type === "blockquote" || parent.type === "listItem";
      (parent.children as MdastNodes[])[index] = isFlow ? { type: "paragraph", children: [text] } : text;
    });
  };
}

/** Plain text of a subtree, without recursion (the subtree may be thousands deep). */
function textOf(node: MdastNodes): string {
  const out: string[] = [];
  const stack: MdastNodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if ("value" in n && typeof n.value === "string") out.push(n.value);
    if ("children" in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as MdastNodes);
  }
  return out.join(" ");
}

/** Flatten containers nested deeper than MAX_DEPTH into their text; headings → bold
 *  paragraphs; images → links to the image. Iterative: input depth is untrusted. */
function boundShape() {
  return (tree: MdastRoot) => {
    const stack: { node: MdastParent; depth: number }[] = [{ node: tree, depth: 0 }];
    while (stack.length) {
      const { node, depth } = stack.pop()!;
      const children = node.children as MdastNodes[];
      for (let i = 0; i < children.length; i++) {
        let child = children[i]!;
        if (child.type === "heading") {
          child = { type: "paragraph", children: [{ type: "strong", children: child.children }] };
          children[i] = child;
        } else if (child.type === "image" || child.type === "imageReference") {
          const label = child.alt || ("url" in child ? child.url : "") || "image";
          child =
            child.type === "image"
              ? { type: "link", url: child.url, title: child.title ?? null, children: [{ type: "text", value: label }] }
              : { type: "linkReference", identifier: child.identifier, label: child.label, referenceType: child.referenceType, children: [{ type: "text", value: label }] };
          children[i] = child;
        }
        const childDepth = CONTAINERS.has(child.type) ? depth + 1 : depth;
        if (childDepth > MAX_DEPTH && "children" in child) {
          const text: PhrasingContent = { type: "text", value: textOf(child) };
          children[i] = child.type === "listItem" || child.type === "blockquote" || child.type === "list" ? ({ type: "paragraph", children: [text] } as MdastNodes) : text;
          continue;
        }
        if ("children" in child) stack.push({ node: child as MdastParent, depth: childDepth });
      }
    }
  };
}

const isExternal = (href: string) => /^[a-z][a-z0-9+.-]*:/i.test(href) && !/^mailto:/i.test(href);

/** rel on every link; target only for links that leave Colloquy. Runs after sanitizing. */
function linkAttributes() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "a") return;
      const href = typeof node.properties.href === "string" ? node.properties.href : null;
      if (!href) {
        // A link whose URL was refused keeps its text, not a dead link.
        node.tagName = "span";
        node.properties = {};
        return;
      }
      node.properties.rel = ["nofollow", "noopener", "ugc"];
      if (isExternal(href)) node.properties.target = "_blank";
    });
  };
}

const CONTAINER_MARKER = /^( {0,3})(>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;
/** Escape container markers nested past MAX_DEPTH and cap indentation (outside code
 *  fences), so no line can nest deeper than the renderer allows. */
export function boundSource(source: string): string {
  let fence: string | null = null;
  const lines = source.split("\n").map((line) => {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      return line;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      return line;
    }
    // Leading whitespace beyond what MAX_DEPTH levels of lists need adds only depth.
    let rest = line.replace(/^[ \t]+/, (ws) => " ".repeat(Math.min(ws.replace(/\t/g, "    ").length, MAX_INDENT)));
    let prefix = "";
    for (let depth = 0; ; depth++) {
      const m = CONTAINER_MARKER.exec(rest);
      if (!m) break;
      if (depth >= MAX_DEPTH) {
        prefix += `${m[1]}\\`;
        rest = rest.slice(m[1]!.length);
        break;
      }
      prefix += m[0];
      rest = rest.slice(m[0].length);
    }
    return prefix + rest;
  });
  return lines.join("\n");
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm, { singleTilde: false })
  .use(remarkBreaks)
  .use(htmlAsText)
  .use(boundShape)
  .use(remarkRehype)
  .use(rehypeMentions)
  .use(rehypeSanitize, schema)
  .use(linkAttributes)
  .use(rehypeStringify)
  .freeze();

const SPECIALS = /[*_~[\]<>`!&\\|]/g;
const LIST_LINE = /^[ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/gm;

/** Too many delimiters or list items for the parser to stay fast (see the module comment). */
export function isTooComplex(source: string): boolean {
  return (source.match(SPECIALS)?.length ?? 0) > MAX_SPECIALS || (source.match(LIST_LINE)?.length ?? 0) > MAX_LIST_LINES;
}

/** Render a comment's Markdown source to sanitized HTML. */
export function renderCommentMarkdown(source: string): string {
  if (isTooComplex(source)) return plainTextHtml(source);
  const html = String(processor.processSync(boundSource(source)));
  if (html.length > MAX_HTML_CHARS) throw new MarkdownTooLargeError();
  return html;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Comments posted before Markdown: exactly the text that was written, line breaks kept. */
export function plainTextHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
  return `<p>${escaped.replace(/\n/g, "<br>\n")}</p>`;
}
