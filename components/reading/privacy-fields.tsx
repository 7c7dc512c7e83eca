"use client";
import { createContext, useContext, useMemo, useState } from "react";

export type VisibilityChoice = "class" | "instructors" | "private";

// The fields themselves (PrivacyFields, ReplyPrivacyFields) are in privacy-choices.tsx: only the
// discussion panel, which loads on demand, needs them; the reading page ships just this state.

interface PostPrivacyState {
  /** May this viewer post anonymously to classmates (a student in a course that allows it)? */
  anonymousAllowed: boolean;
  visibility: VisibilityChoice;
  setVisibility(v: VisibilityChoice): void;
  anonymous: boolean;
  setAnonymous(v: boolean): void;
  replyAnonymous: boolean;
  setReplyAnonymous(v: boolean): void;
}

const PostPrivacyContext = createContext<PostPrivacyState | null>(null);

/** Holds the composer's visibility and anonymity choices for the reading page (sticky while
 *  the page is open: after a private note, the next one is private too until changed —
 *  safer than silently going back to the whole class). The server decides again. */
export function PostPrivacyProvider({ anonymousAllowed, children }: { anonymousAllowed: boolean; children: React.ReactNode }) {
  const [visibility, setVisibility] = useState<VisibilityChoice>("class");
  const [anonymous, setAnonymous] = useState(false);
  const [replyAnonymous, setReplyAnonymous] = useState(false);
  const value = useMemo(
    () => ({ anonymousAllowed, visibility, setVisibility, anonymous, setAnonymous, replyAnonymous, setReplyAnonymous }),
    [anonymousAllowed, visibility, anonymous, replyAnonymous],
  );
  return <PostPrivacyContext.Provider value={value}>{children}</PostPrivacyContext.Provider>;
}

const FALLBACK: PostPrivacyState = {
  anonymousAllowed: false,
  visibility: "class",
  setVisibility: () => {},
  anonymous: false,
  setAnonymous: () => {},
  replyAnonymous: false,
  setReplyAnonymous: () => {},
};

export function usePostPrivacy(): PostPrivacyState {
  return useContext(PostPrivacyContext) ?? FALLBACK;
}

/** The request fields for a post (a reply sends no visibility: it takes its thread's). */
export function privacyRequest(state: PostPrivacyState, isReply: boolean): { visibility?: VisibilityChoice; anonymous?: boolean } {
  if (isReply) return state.anonymousAllowed && state.replyAnonymous ? { anonymous: true } : {};
  return { visibility: state.visibility, ...(state.anonymousAllowed && state.anonymous && state.visibility === "class" ? { anonymous: true } : {}) };
}
