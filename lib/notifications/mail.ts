/**
 * Notification mail, sent by the job runner (lib/jobs: queues "mail.send" and the daily
 * "mail.digest"). A "mail.send" job is enqueued in the same transaction as its
 * notification (./notify.ts), so a committed notification always gets its mail, even if
 * the process dies right after the commit: the job stays in PostgreSQL and a runner (this
 * instance after a restart, or another one) takes it.
 *
 * Once, not twice: pg-boss hands a job to one worker at a time (SKIP LOCKED); a sent mail
 * is recorded on the notification (mailedAt) and a job finding it set does nothing; the
 * outbox file is created exclusively. The one remaining window — SMTP accepted the
 * message, then the process died before mailedAt was written — resends it once, with the
 * same Message-ID, which mail clients treat as the same message.
 *
 * Names and comment text are the users': the HTML part escapes every one of them, and the
 * subject is one line. No `server-only` (runs in the job runner, outside Next).
 */
import { db } from "@/lib/db";
import { actorNames } from "@/lib/notifications/actor-names";
import { describeNotification, notificationHref, shownNotificationWhere } from "@/lib/notifications/shown";
import { sendMail, type Mail } from "@/lib/mail/send-mail";
import { mentionsAsText } from "@/lib/comments/mentions";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The app's address for links in mail: NEXTAUTH_URL, else the local default. */
export const appUrl = () => (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, "");

const EXCERPT = 300;
const excerpt = (body: string) => {
  const flat = mentionsAsText(body).replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};

const include = {
  recipient: { select: { id: true, email: true, name: true } },
  actor: { select: { name: true } },
  course: { select: { slug: true, title: true } },
  reading: { select: { slug: true, title: true } },
  comment: { select: { body: true, id: true, rootId: true, authorId: true, anonymous: true } },
} as const;

type Loaded = NonNullable<Awaited<ReturnType<typeof loadShown>>>[number];

/** The notifications (by id) as their recipient is shown them now — a comment hidden or
 *  deleted since, or a course the recipient left, sends nothing. */
async function loadShown(userId: string, ids: string[]) {
  const rows = await db.notification.findMany({ where: { AND: [{ id: { in: ids } }, shownNotificationWhere(userId)] }, include, orderBy: { createdAt: "asc" } });
  // An anonymous classmate is named as in the thread ("Classmate A"), never by name.
  const names = await actorNames(rows);
  return rows.map((row, i) => ({ ...row, actor: names[i] ? { name: names[i] } : null }));
}

function item(n: Loaded) {
  const text = describeNotification(n.kind, n.actor?.name ?? null, n.reason);
  const where = n.reading ? `“${n.reading.title}” in ${n.course.title}` : n.course.title;
  const quote = n.kind === "REPLY" || n.kind === "MENTION" ? excerpt(n.comment?.body ?? "") : "";
  const url = `${appUrl()}${notificationHref(n)}`;
  return {
    text: `${text} on ${where}${quote ? `:\n\n  ${quote}` : "."}\n\nOpen it: ${url}\n`,
    html:
      `<p>${escapeHtml(text)} on ${escapeHtml(where)}${quote ? ":" : "."}</p>` +
      (quote ? `<blockquote>${escapeHtml(quote)}</blockquote>` : "") +
      `<p><a href="${escapeHtml(url)}">Open it in Colloquy</a></p>`,
    subject: `${text} — ${n.reading?.title ?? n.course.title}`,
  };
}

const footer = (settingsUrl: string) => ({
  text: `\n—\nColloquy. Choose what you are told, and how often: ${settingsUrl}\n`,
  html: `<hr><p style="color:#555">Colloquy. <a href="${escapeHtml(settingsUrl)}">Choose what you are told, and how often</a>.</p>`,
});

/** Render one notification's mail (exported for tests). */
export function renderNotificationMail(n: Loaded): Mail {
  const one = item(n);
  const f = footer(`${appUrl()}/account/notifications`);
  return {
    to: n.recipient.email,
    subject: one.subject.replace(/[\r\n]+/g, " ").slice(0, 200),
    text: `Hello ${n.recipient.name},\n\n${one.text}${f.text}`,
    html: `<!doctype html><html><body><p>Hello ${escapeHtml(n.recipient.name)},</p>${one.html}${f.html}</body></html>`,
    messageId: `<notification-${n.id}@colloquy>`,
  };
}

/** The "mail.send" job: one notification's mail, unless it was sent already or is no
 *  longer shown to its recipient. */
export async function sendNotificationMail(notificationId: string): Promise<{ sent: string }> {
  const row = await db.notification.findUnique({ where: { id: notificationId }, select: { recipientId: true, mailedAt: true } });
  if (!row) return { sent: "gone" };
  if (row.mailedAt) return { sent: "already" };
  const [n] = await loadShown(row.recipientId, [notificationId]);
  if (!n) return { sent: "not shown" };
  const settings = await db.notificationSettings.findUnique({ where: { userId: row.recipientId }, select: { email: true } });
  if (settings && settings.email !== "IMMEDIATE") return { sent: `skipped (${settings.email.toLowerCase()})` };
  const sent = await sendMail(n.recipientId, n.id, n.createdAt, renderNotificationMail(n));
  await db.notification.updateMany({ where: { id: n.id, mailedAt: null }, data: { mailedAt: new Date() } });
  return { sent };
}

/**
 * The daily "mail.digest" job: for each user who chose a daily digest, one mail with what
 * they were told since (notifications not yet mailed, at most 50 listed). Each user's
 * digest is recorded (digestSentAt, mailedAt) right after it is sent, so a retried job
 * skips the users already done.
 */
export async function sendDigests(now = new Date()): Promise<{ digests: number }> {
  const since = new Date(now.getTime() - 20 * 3600_000);
  const users = await db.notificationSettings.findMany({
    where: { email: "DIGEST", OR: [{ digestSentAt: null }, { digestSentAt: { lt: since } }] },
    select: { userId: true },
    take: 10_000,
  });
  let digests = 0;
  for (const { userId } of users) {
    const pending = await db.notification.findMany({ where: { recipientId: userId, mailedAt: null }, select: { id: true }, orderBy: { createdAt: "desc" }, take: 50 });
    const shown = await loadShown(userId, pending.map((p) => p.id));
    if (shown.length > 0) {
      const items = shown.map(item);
      const first = shown[0]!;
      const f = footer(`${appUrl()}/account/notifications`);
      const digestId = `digest-${now.toISOString().slice(0, 10)}`;
      await sendMail(userId, `${digestId}-${userId}`.slice(0, 64), now, {
        to: first.recipient.email,
        subject: `Colloquy: ${shown.length} new ${shown.length === 1 ? "notification" : "notifications"}`,
        text: `Hello ${first.recipient.name},\n\nSince your last digest:\n\n${items.map((i) => `• ${i.text}`).join("\n")}${f.text}`,
        html: `<!doctype html><html><body><p>Hello ${escapeHtml(first.recipient.name)},</p><p>Since your last digest:</p>${items.map((i) => i.html).join("<hr>")}${f.html}</body></html>`,
        messageId: `<${digestId}-${userId}@colloquy>`,
      });
      digests += 1;
    }
    await db.$transaction([
      db.notification.updateMany({ where: { recipientId: userId, mailedAt: null, id: { in: pending.map((p) => p.id) } }, data: { mailedAt: now } }),
      db.notificationSettings.update({ where: { userId }, data: { digestSentAt: now } }),
    ]);
  }
  return { digests };
}
