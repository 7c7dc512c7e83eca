"use client";
import { useEffect, useRef, useState } from "react";
import { callApi } from "@/components/reading/client-api";

type Member = { id: string; name: string };

/** "@" followed by what is being typed, right before the caret. */
const TRIGGER = /(^|[\s(])@([^\s@[\]()]{0,40})$/;

/**
 * Mention suggestions for a composer's textarea: typing `@` and part of a name lists the
 * course's members (GET /api/readings/:id/mentions); Up/Down move, Enter or Tab choose,
 * Escape closes. The textarea stays a textbox (its name unchanged) and points at the list
 * with aria-autocomplete="list", aria-controls and aria-activedescendant. Choosing writes
 * `@[Name](user:<id>)` — stored by id, shown as the person's current name.
 */
export function useMentions(options: { readingId: string | null; baseId: string; ref: React.RefObject<HTMLTextAreaElement | null>; value: string; setValue(next: string): void }) {
  const { readingId, baseId, ref, value, setValue } = options;
  const listboxId = `${baseId}-mentions`;
  const [query, setQuery] = useState<{ text: string; start: number; end: number } | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [active, setActive] = useState(0);
  const request = useRef(0);

  useEffect(() => {
    if (!query || !readingId) return;
    const n = ++request.current;
    const timer = setTimeout(async () => {
      const r = await callApi<{ members: Member[] }>(`/api/readings/${readingId}/mentions?q=${encodeURIComponent(query.text)}`);
      if (n !== request.current) return;
      setMembers(r.ok ? r.data.members : []);
      setActive(0);
    }, 120);
    return () => clearTimeout(timer);
  }, [query, readingId]);

  const open = query !== null && members.length > 0;

  /** After typing or moving the caret: is an "@name" being typed? */
  function update(el: HTMLTextAreaElement) {
    if (!readingId || el.selectionStart !== el.selectionEnd) return setQuery(null);
    const caret = el.selectionStart;
    const m = TRIGGER.exec(el.value.slice(0, caret));
    if (!m) {
      if (query) setQuery(null);
      return;
    }
    const start = caret - m[2]!.length - 1;
    if (!query || query.text !== m[2] || query.start !== start) setQuery({ text: m[2]!, start, end: caret });
  }

  function choose(member: Member) {
    if (!query) return;
    const label = member.name.replace(/[[\]()\n]/g, " ").trim() || "member";
    const inserted = `@[${label}](user:${member.id}) `;
    const next = value.slice(0, query.start) + inserted + value.slice(query.end);
    setValue(next);
    setQuery(null);
    setMembers([]);
    const caret = query.start + inserted.length;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(caret, caret);
    });
  }

  /** Handles the list's keys; true when the key was used. */
  function onKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : members.length - 1)) % members.length);
      return true;
    }
    if ((e.key === "Enter" && !e.ctrlKey && !e.metaKey) || e.key === "Tab") {
      e.preventDefault();
      choose(members[Math.min(active, members.length - 1)]!);
      return true;
    }
    if (e.key === "Escape") {
      // Closes the list only (the panel's own Escape checks defaultPrevented).
      e.preventDefault();
      setQuery(null);
      setMembers([]);
      return true;
    }
    return false;
  }

  const optionId = (i: number) => `${listboxId}-${i}`;
  return {
    textareaProps: {
      "aria-autocomplete": "list" as const,
      "aria-controls": open ? listboxId : undefined,
      "aria-activedescendant": open ? optionId(Math.min(active, members.length - 1)) : undefined,
    },
    update,
    onKeyDown,
    listbox: open ? (
      <ul id={listboxId} role="listbox" aria-label="People to mention" className="max-h-48 overflow-auto rounded-md border border-stone-300 bg-white py-1 text-sm shadow-md dark:border-stone-700 dark:bg-stone-900">
        {members.map((m, i) => (
          <li
            key={m.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(m);
            }}
            className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-accent text-white" : "text-stone-800 dark:text-stone-200"}`}
          >
            {m.name}
          </li>
        ))}
      </ul>
    ) : null,
  };
}
