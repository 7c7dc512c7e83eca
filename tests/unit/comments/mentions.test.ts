import { describe, expect, test } from "vitest";
import { renderCommentMarkdown } from "@/lib/comments/markdown";
import { mentionedUserIds, resolveMentionHtml } from "@/lib/comments/mentions";

describe("mentions", () => {
  test("stored by id, rendered as a span with the typed name, resolved to the current name for members only", () => {
    const source = "Ask @[Sam O](user:abc123) and @[Lena](user:zzz999) — not [x](user:abc123) or @[bad](user:ABC!)";
    expect(mentionedUserIds(source)).toEqual(["abc123", "zzz999"]);
    const html = renderCommentMarkdown(source);
    expect(html).toContain('<span data-mention="abc123">@Sam O</span>');
    expect(html).toContain('<span data-mention="zzz999">@Lena</span>');
    // A user: link without "@" loses its URL (the sanitizer) and keeps its text.
    expect(html).not.toContain('href="user:');
    const shown = resolveMentionHtml(html, new Map([["abc123", "Sam <Okafor>"]]));
    expect(shown).toContain('<span class="mention" data-mention="abc123">@Sam &lt;Okafor&gt;</span>');
    // Not a member (or unknown): plain text as typed.
    expect(shown).toContain("@Lena");
    expect(shown).not.toContain('data-mention="zzz999"');
  });

  test("hostile names and ids stay text", () => {
    const html = renderCommentMarkdown('@[<img src=x onerror=alert(1)>](user:abc) @[x](user:abc" onclick="y)');
    // Text, never markup: no <img> element, no event-handler attribute on any element.
    expect(html).not.toMatch(/<img/);
    expect(html).not.toMatch(/<[^>]*\son(error|click)=/);
    expect(resolveMentionHtml(html, new Map([["abc", '"><script>']]))).not.toContain("<script>");
  });
});
