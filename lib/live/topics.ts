/** Live topics: a reading's stream (its discussion) and a user's own (notifications). */
export const readingTopic = (readingId: string) => `reading:${readingId}`;
export const userTopic = (userId: string) => `user:${userId}`;
/** The bell's pings: "your notifications changed" (no content; lib/notifications/ping.ts). */
export const notificationsTopic = (userId: string) => `notifications:${userId}`;

/** The PostgreSQL NOTIFY channel every app instance LISTENs on. */
export const LIVE_CHANNEL = "colloquy_live";
