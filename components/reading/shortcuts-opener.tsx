"use client";
import { useEffect } from "react";

/** Opens the shortcuts <dialog> (rendered by the server, shortcuts-dialog.tsx) from its
 *  button or the "?" key — unless the reader is typing. */
export function ShortcutsOpener({ dialogId, className, children }: { dialogId: string; className: string; children: React.ReactNode }) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const t = e.target as HTMLElement | null;
      if (e.key !== "?" || (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)))) return;
      e.preventDefault();
      show(dialogId);
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [dialogId]);
  return (
    <button type="button" onClick={() => show(dialogId)} className={className}>
      {children}
    </button>
  );
}

function show(id: string) {
  const dialog = document.getElementById(id);
  if (dialog instanceof HTMLDialogElement && !dialog.open) dialog.showModal();
}
