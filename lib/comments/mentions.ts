/**
 * Mentions: `@[Name](user:<id>)` in a comment's Markdown source (the composer writes it
 * when a course member is chosen from its suggestions). Stored by user id; shown as the
 * person's CURRENT name, and only while they are a member of the comment's course —
 * unknown ids and non-members stay the plain text that was typed.
 *
 * Three steps:
 *  - `rehypeMentions` (in the Markdown renderer, before sanitizing): the link becomes
 *    `<span data-mention="<id>">@Name</span>` (the name as typed, a fallback).
 *  - `resolveMentionHtml` (when comments are viewed, lib/comments/view-comments.ts): each
 *    such span becomes `@<current name>` for members, or its plain text for anyone else.
 *  - `mentionedUserIds` (when a comment is posted): who to notify (lib/notifications).
 */
import type { Root as HastRoot, Element, ElementContent } from "hast";
import { visit } from "unist-util-visit";

export const MAX_MENTIONS = 20;
const ID = /^[a-z0-9]{1,40}$/;
const SOURCE = /@\[([^\]\n]{1,80})\]\(user:([a-z0-9]{1,40})\)/g;

/** The ids mentioned in a Markdown source (unique, at most MAX_MENTIONS). */
export function mentionedUserIds(source: string): string[] {
  const ids = new Set<string>();
  for (const m of source.matchAll(SOURCE)) {
    ids.add(m[2]!);
    if (ids.size >= MAX_MENTIONS) break;
  }
  return [...ids];
}

/** A mention in plain text (mail excerpts): `@[Name](user:id)` → `@Name`. */
export const mentionsAsText = (source: string) => source.replace(SOURCE, "@$1");

const textOf = (node: Element) => node.children.map((c) => (c.type === "text" ? c.value : "")).join("");

/** Rehype step (before sanitizing): an `@` followed by a link to `user:<id>` becomes a
 *  mention span. Anything else with a `user:` link is left for the sanitizer (which drops
 *  the URL and keeps the text). */
export function rehypeMentions() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "a" || !parent || index === undefined || index === 0) return;
      const href = typeof node.properties.href === "string" ? node.properties.href : "";
      if (!href.startsWith("user:") || !ID.test(href.slice(5))) return;
      const before = parent.children[index - 1] as ElementContent;
      if (before.type !== "text" || !before.value.endsWith("@")) return;
      before.value = before.value.slice(0, -1);
      node.tagName = "span";
      node.properties = { dataMention: href.slice(5) };
      node.children = [{ type: "text", value: `@${textOf(node)}` }];
    });
  };
}

const SPAN = /<span data-mention="([a-z0-9]{1,40})">([^<]*)<\/span>/g;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The ids of the mention spans in rendered HTML. */
export function mentionIdsInHtml(html: string): string[] {
  return [...new Set([...html.matchAll(SPAN)].map((m) => m[1]!))];
}

/** Each mention span → `@<current name>` for an id in `names` (the course's members), or
 *  the text as typed (plain) for anyone else. */
export function resolveMentionHtml(html: string, names: Map<string, string>): string {
  if (!html.includes("data-mention")) return html;
  return html.replace(SPAN, (_all, id: string, typed: string) => {
    const name = names.get(id);
    return name === undefined ? typed : `<span class="mention" data-mention="${id}">@${escapeHtml(name)}</span>`;
  });
}
