import { Download } from "lucide-react";

const link =
  "inline-flex items-center gap-1 rounded-md border border-stone-300 bg-white px-2.5 py-1 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100 dark:hover:bg-stone-800";

/** CSV / JSON downloads, where a grade book would want them. Plain links: the route
 *  handlers authorise each download themselves. */
export function ExportLinks({ courseSlug }: { courseSlug: string }) {
  const base = `/api/courses/${courseSlug}/exports`;
  const items = [
    { href: `${base}/participation?layout=grades`, label: "Grades CSV", title: "One row per student, a column per reading: ready for a grade book" },
    { href: `${base}/participation?layout=detail`, label: "Detailed CSV", title: "One row per student per reading, every statistic, suggestions, overrides and reasons" },
    { href: `${base}/comments?format=csv`, label: "All comments CSV", title: "Every comment: reading, paragraph, quote, thread, author, time, status" },
    { href: `${base}/comments?format=json`, label: "All comments JSON", title: "The same as JSON" },
  ];
  return (
    <ul aria-label="Downloads" className="flex flex-wrap gap-2">
      {items.map((i) => (
        <li key={i.href}>
          <a href={i.href} download className={link} title={i.title}>
            <Download aria-hidden className="h-4 w-4" />
            {i.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
