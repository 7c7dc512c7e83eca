"use client";
import { useId } from "react";
import { inputClass, Status, Toggle, usePost } from "@/components/moderation/settings-controls";

type Anonymity = "inherit" | "allow" | "deny";

const anonymityOf = (allow: boolean | null): Anonymity => (allow === null ? "inherit" : allow ? "allow" : "deny");

/**
 * A reading's issue 8 settings on the Schedule page (docs/PRIVACY.md): "Post before you
 * see" (students see classmates' comments on a paragraph once they have posted there) and
 * anonymity to classmates (follow the course / allowed / not allowed). Same endpoint and
 * audit log as the reading's moderation controls.
 */
export function ReadingPeopleControls({ courseSlug, reading }: { courseSlug: string; reading: { slug: string; title: string; postFirst: boolean; allowAnonymous: boolean | null } }) {
  const { busy, message, post } = usePost(`/api/courses/${courseSlug}/readings/${reading.slug}/moderation`);
  const selectId = useId();
  const anonymity = anonymityOf(reading.allowAnonymous);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-3">
        <Toggle
          checked={reading.postFirst}
          disabled={busy}
          onToggle={(on) =>
            post({ action: on ? "post-first-on" : "post-first-off" }, on ? `Students now post on a paragraph of “${reading.title}” before they see their classmates' comments there.` : `“Post before you see” is off for “${reading.title}”.`)
          }
        >
          Post before you see<span className="sr-only"> “{reading.title}”</span>
        </Toggle>
        <label htmlFor={selectId} className="text-sm">
          Anonymity<span className="sr-only"> for “{reading.title}”</span>
        </label>
        <select
          id={selectId}
          className={inputClass}
          value={anonymity}
          disabled={busy}
          onChange={(e) => {
            const next = e.target.value as Anonymity;
            void post({ action: `anonymous-${next}` }, next === "inherit" ? "Anonymity follows the course's setting." : next === "allow" ? "Students may post anonymously to classmates on this reading." : "Students may not post anonymously on this reading.");
          }}
        >
          <option value="inherit">Follow the course</option>
          <option value="allow">Allowed</option>
          <option value="deny">Not allowed</option>
        </select>
      </div>
      <Status message={message} />
    </div>
  );
}
