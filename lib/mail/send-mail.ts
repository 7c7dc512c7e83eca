/**
 * Sending one mail: through SMTP when SMTP_URL is set (any URL nodemailer accepts, e.g.
 * smtps://user:pass@mail.example.edu:465), otherwise into the local outbox (./outbox.ts).
 * Runs in the job runner only (lib/jobs), never in a request.
 *
 * No `server-only`: the job runner and tests use it outside Next.
 */
import nodemailer from "nodemailer";
import { writeOutboxMessage } from "@/lib/mail/outbox";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per message: a resend after a crash carries the same Message-ID, so mail
   *  clients can drop the duplicate. */
  messageId: string;
}

export const mailFrom = () => process.env.MAIL_FROM || "Colloquy <no-reply@colloquy.local>";

// Bounded: a slow mail server fails this attempt (the job is retried later) well inside
// the queue's expiry, so an attempt still running is never handed to a second worker.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 };

let smtp: { url: string; transport: nodemailer.Transporter } | null = null;

/** Send `mail` to the user `userId`. Answers where it went, or "already" when the outbox
 *  already holds this message (a retried job). */
export async function sendMail(userId: string, id: string, at: Date, mail: Mail): Promise<"smtp" | "outbox" | "already"> {
  const message = { from: mailFrom(), to: mail.to, subject: mail.subject.replace(/[\r\n]+/g, " "), text: mail.text, html: mail.html, messageId: mail.messageId };
  const url = process.env.SMTP_URL;
  if (url) {
    if (!smtp || smtp.url !== url) smtp = { url, transport: nodemailer.createTransport(url, TIMEOUTS) };
    await smtp.transport.sendMail(message);
    return "smtp";
  }
  const built = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message);
  return (await writeOutboxMessage({ userId, id, at, raw: built.message as Buffer })) ? "outbox" : "already";
}
