import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, URL-safe: the secret in an invitation link. */
export const generateInviteToken = () => randomBytes(32).toString("base64url");

/** What is stored for a personal invitation: the link is shown when made, never read back. */
export const hashInviteToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const invitePath = (token: string) => `/invite/${token}`;

/** Tokens are 43 URL-safe characters; anything else is not worth a database lookup. */
export const isInviteToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export const PERSONAL_INVITE_DAYS = 30;
