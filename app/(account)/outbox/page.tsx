import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { listOutbox, readOutboxMessage } from "@/lib/mail/outbox";
import { readMessage } from "@/lib/mail/read-message";
import { SiteHeader } from "@/components/site-header";

export const metadata: Metadata = { title: "Your mail (outbox)" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The local outbox (lib/mail/outbox.ts): while SMTP_URL is unset, Colloquy's mail is kept
 * here instead of being sent, and each signed-in user reads their own — the folder is
 * chosen by the session's user id, never by the request.
 */
export default async function OutboxPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=%2Foutbox");
  const m = (await searchParams).m;
  const wanted = typeof m === "string" && m.length <= 100 ? m : null;
  const entries = await listOutbox(user.id, 50);
  const messages = await Promise.all(
    entries.map(async (e) => {
      const raw = await readOutboxMessage(user.id, e.file);
      return { ...e, message: raw ? readMessage(raw) : null };
    }),
  );
  const open = wanted ? messages.find((x) => x.file === wanted) ?? null : null;
  const smtp = Boolean(process.env.SMTP_URL);
  return (
    <>
      <SiteHeader user={user} trail={<span>Your mail</span>} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-10">
        <h1 className="text-2xl font-semibold">Your mail</h1>
        <p className="mt-1 text-stone-600 dark:text-stone-400">
          {smtp
            ? "This Colloquy sends mail through its mail server; older messages kept here are from before it was set up."
            : "This Colloquy has no mail server set up (SMTP_URL), so the mail it would send you is kept here instead."}
        </p>
        {open?.message ? (
          <article aria-labelledby="message-subject" className="mt-6 rounded-md border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
            <h2 id="message-subject" className="text-lg font-semibold">
              {open.message.subject || "(no subject)"}
            </h2>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-stone-600 dark:text-stone-400">
              <dt>From</dt>
              <dd>{open.message.from}</dd>
              <dt>To</dt>
              <dd>{open.message.to}</dd>
              <dt>Date</dt>
              <dd>{open.message.date}</dd>
            </dl>
            <pre className="mt-4 whitespace-pre-wrap break-words font-sans text-sm">{open.message.text}</pre>
          </article>
        ) : wanted ? (
          <p role="alert" className="mt-6 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
            That message is not in your mail.
          </p>
        ) : null}
        <h2 className="mt-8 text-lg font-semibold">Messages</h2>
        {messages.length === 0 ? (
          <p className="mt-2 text-stone-600 dark:text-stone-400">No mail yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-200 rounded-md border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {messages.map((x) => (
              <li key={x.file}>
                <Link href={`/outbox?m=${encodeURIComponent(x.file)}`} aria-current={x.file === open?.file ? "true" : undefined} className="flex flex-col gap-0.5 px-4 py-3 hover:bg-stone-50 dark:hover:bg-stone-800">
                  <span className="font-medium">{x.message?.subject || "(no subject)"}</span>
                  <time dateTime={x.at.toISOString()} className="text-sm text-stone-600 dark:text-stone-400">
                    {x.at.toUTCString()}
                  </time>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
