"use client";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { secondaryButtonClass } from "@/components/ui/field";

/** Copies `text`; says so for screen readers too. */
export function CopyButton({ text, label = "Copy", className }: { text: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={className ?? secondaryButtonClass}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          window.prompt("Copy this:", text);
        }
      }}
    >
      {copied ? <Check aria-hidden className="h-4 w-4" /> : <Copy aria-hidden className="h-4 w-4" />}
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}

/** An absolute URL for a path, in the browser. */
export const absoluteUrl = (path: string) => (typeof window === "undefined" ? path : new URL(path, window.location.origin).toString());
