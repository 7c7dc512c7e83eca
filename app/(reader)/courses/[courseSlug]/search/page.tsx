import type { Metadata } from "next";
import Link from "next/link";
import { requireCoursePage } from "@/lib/auth/page-guard";
import { searchCourse } from "@/lib/search/search-course";
import { firstValues, SEARCH_MAX, SEARCH_PAGES, searchParamsSchema } from "@/lib/validations/search";
import { rateLimit } from "@/lib/rate-limit";
import { isAppError } from "@/lib/errors";
import type { SnippetPart } from "@/lib/search/snippet";
import { formatDateTime } from "@/lib/dates";
import { SiteHeader } from "@/components/site-header";
import { Breadcrumb } from "@/components/breadcrumb";

export const metadata: Metadata = { title: "Search" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Marked words in <mark>, everything as text (React escapes it): lib/search/snippet.ts. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.mark ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-700">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** Count a search that will run against the user's `search` limit; the refusal's sentence
 *  when over it (the page then shows the form and that sentence, and searches nothing). */
async function searchRefusal(userId: string): Promise<string | null> {
  try {
    await rateLimit("search", userId);
    return null;
  } catch (error) {
    if (isAppError(error) && error.code === "RATE_LIMITED") return error.message;
    throw error;
  }
}

/** The same search, another page of it (every filter kept). */
function pageHref(courseSlug: string, raw: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (v !== undefined && k !== "page") params.set(k, v);
  if (page > 1) params.set("page", String(page));
  return `/courses/${courseSlug}/search?${params.toString()}`;
}

const selectClass = "rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-950";

/** /courses/<slug>/search?q=… — the course's readings and discussion, what this member may see. */
export default async function SearchPage({ params, searchParams }: Props) {
  const { courseSlug } = await params;
  const { user, course } = await requireCoursePage(courseSlug, `/courses/${courseSlug}/search`);
  const raw = firstValues(await searchParams);
  const input = searchParamsSchema.parse(raw);
  // Each search is a full-text query over the course: limited per user (a script flooding
  // it slowed every other request). An empty or over-long query runs nothing, so counts nothing.
  const refused = input.q && input.q.length <= SEARCH_MAX ? await searchRefusal(user.id) : null;
  const result = await searchCourse({ userId: user.id, courseSlug: course.slug, params: refused ? { ...input, q: "" } : input });
  const count = result.comments.length + result.passages.length;
  return (
    <>
      <SiteHeader user={user} trail={<Breadcrumb steps={[{ label: course.title, href: `/courses/${course.slug}` }, { label: "Search" }]} />} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-2xl font-semibold">Search {course.title}</h1>
        <div role="search" aria-label="Course search" className="mt-4">
          <form action={`/courses/${course.slug}/search`} method="get" className="flex flex-col gap-3">
            <input
              type="search"
              name="q"
              aria-label="Search"
              defaultValue={input.q.slice(0, 1000)}
              maxLength={1000}
              placeholder="Words, or a &quot;quoted phrase&quot;; -word leaves it out"
              className="w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base dark:border-stone-700 dark:bg-stone-950"
            />
            <fieldset className="flex flex-wrap items-end gap-3 text-sm">
              <legend className="sr-only">Filters</legend>
              <label className="flex flex-col gap-1">
                <span className="font-medium">Reading</span>
                <select name="reading" defaultValue={input.reading ?? ""} className={selectClass}>
                  <option value="">All readings</option>
                  {result.readings.map((r) => (
                    <option key={r.slug} value={r.slug}>
                      {r.title}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col gap-1">
                <span className="font-medium">Author</span>
                <select name="author" defaultValue={input.author ?? ""} className={selectClass}>
                  <option value="">Anyone</option>
                  {result.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col gap-1">
                <span className="font-medium">Show</span>
                <select name="show" defaultValue={input.show} className={selectClass}>
                  <option value="all">Everything</option>
                  <option value="questions">Only questions</option>
                  <option value="unanswered">Only unanswered questions</option>
                </select>
              </label>
              <label className="flex items-center gap-2 py-1.5">
                <input type="checkbox" name="mine" value="1" defaultChecked={input.mine === true} className="h-4 w-4" />
                <span>Only mine</span>
              </label>
              <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-semibold text-white hover:bg-accent-strong">
                Search
              </button>
            </fieldset>
          </form>
        </div>

        <section aria-labelledby="results-heading" className="mt-8">
          <h2 id="results-heading" className="sr-only">
            Results
          </h2>
          {refused || result.status === "too-long" ? (
            <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
              {refused ?? result.message}
            </p>
          ) : result.status === "empty" ? (
            <p className="text-stone-600 dark:text-stone-400">Type a few words and press Enter.</p>
          ) : count === 0 ? (
            <p role="status" className="text-stone-700 dark:text-stone-300">
              No results for &ldquo;{result.query}&rdquo;.
            </p>
          ) : (
            <>
              <p role="status" className="text-sm text-stone-600 dark:text-stone-400">
                {result.page > 1 ? `Page ${result.page}: ` : ""}
                {result.more || result.page > 1 ? `${count} matches` : `${count} ${count === 1 ? "result" : "results"}`} for &ldquo;{result.query}&rdquo;{result.more ? ", best first" : ""}.
              </p>
              {result.passages.length > 0 ? (
                <>
                  <h3 className="mt-6 text-lg font-semibold">In the readings</h3>
                  <ol className="mt-2 flex flex-col gap-3">
                    {result.passages.map((p) => (
                      <li key={p.id} className="rounded-md border border-stone-200 p-3 dark:border-stone-800">
                        <Link href={p.href} className="font-medium text-accent underline-offset-2 hover:underline dark:text-sky-300">
                          {p.readingTitle}, paragraph {p.paragraph}
                        </Link>
                        <p className="mt-1 font-serif text-stone-800 dark:text-stone-200">
                          <Snippet parts={p.snippet} />
                        </p>
                      </li>
                    ))}
                  </ol>
                </>
              ) : null}
              {result.comments.length > 0 ? (
                <>
                  <h3 className="mt-6 text-lg font-semibold">In the discussion</h3>
                  <ol className="mt-2 flex flex-col gap-3">
                    {result.comments.map((c) => (
                      <li key={c.id} className={`rounded-md border border-stone-200 p-3 dark:border-stone-800 ${c.badges.some((b) => b.id === "private") ? "private-note" : ""}`}>
                        <p className="flex flex-wrap items-center gap-x-2 text-sm">
                          <span className="font-semibold">{c.author}</span>
                          {c.badges.map((b) => (
                            <span key={b.id} className="rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700 dark:bg-stone-800 dark:text-stone-300">
                              {b.label}
                            </span>
                          ))}
                          <time dateTime={c.createdAt} className="text-stone-600 dark:text-stone-400">
                            {formatDateTime(new Date(c.createdAt), course.timeZone)}
                          </time>
                        </p>
                        <p className="mt-1 text-stone-800 dark:text-stone-200">
                          <Snippet parts={c.snippet} />
                        </p>
                        <Link href={c.href} className="mt-1 inline-block text-sm text-accent underline-offset-2 hover:underline dark:text-sky-300">
                          {c.isReply ? "Reply" : "Comment"} in {c.readingTitle}
                          {c.paragraph !== null ? `, paragraph ${c.paragraph}` : " (detached)"}
                        </Link>
                      </li>
                    ))}
                  </ol>
                </>
              ) : null}
              {result.more || result.page > 1 ? (
                <nav aria-label="More search results" className="mt-6 flex gap-4 text-sm">
                  {result.page > 1 ? (
                    <Link href={pageHref(course.slug, raw, result.page - 1)} className="inline-block py-1 font-medium text-accent underline-offset-2 hover:underline dark:text-sky-300">
                      Previous results
                    </Link>
                  ) : null}
                  {result.more && result.page < SEARCH_PAGES ? (
                    <Link href={pageHref(course.slug, raw, result.page + 1)} className="inline-block py-1 font-medium text-accent underline-offset-2 hover:underline dark:text-sky-300">
                      More results
                    </Link>
                  ) : null}
                </nav>
              ) : null}
            </>
          )}
        </section>
      </main>
    </>
  );
}
