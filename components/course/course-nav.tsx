import Link from "next/link";
import type { Role } from "@/generated/prisma/client";

export type CourseNavKey = "readings" | "people" | "schedule" | "participation" | "moderation" | "settings";

/** The staff pages of a course, in the order the tabs show. To add a page (e.g.
 *  "Moderation" with a count), add one entry: `badge` shows beside the label. */
export function courseNavItems(slug: string, role: Role, badges: Partial<Record<string, number>> = {}) {
  const base = `/courses/${slug}`;
  const items: { key: string; label: string; href: string; roles: Role[] }[] = [
    { key: "readings", label: "Readings", href: base, roles: ["INSTRUCTOR", "TA", "STUDENT"] },
    { key: "people", label: "People", href: `${base}/people`, roles: ["INSTRUCTOR", "TA"] },
    { key: "schedule", label: "Schedule", href: `${base}/schedule`, roles: ["INSTRUCTOR", "TA"] },
    { key: "participation", label: "Participation", href: `${base}/participation`, roles: ["INSTRUCTOR", "TA"] },
    { key: "moderation", label: "Moderation", href: `${base}/moderation`, roles: ["INSTRUCTOR", "TA"] },
    { key: "settings", label: "Settings", href: `${base}/settings`, roles: ["INSTRUCTOR"] },
  ];
  return items.filter((i) => i.roles.includes(role)).map((i) => ({ ...i, badge: badges[i.key] }));
}

/** Tabs across the top of a course's pages, for staff (students have one page: the readings). */
export function CourseNav({ slug, role, current, badges }: { slug: string; role: Role; current: string; badges?: Partial<Record<string, number>> }) {
  const items = courseNavItems(slug, role, badges);
  if (items.length <= 1) return null;
  return (
    <nav aria-label="Course" className="no-print mt-4 overflow-x-auto border-b border-stone-200 dark:border-stone-800">
      <ul className="flex min-w-max gap-1 text-sm">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              href={item.href}
              aria-current={item.key === current ? "page" : undefined}
              className={`-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 font-medium ${
                item.key === current
                  ? "border-accent text-stone-900 dark:text-stone-100"
                  : "border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900 dark:text-stone-400 dark:hover:text-stone-100"
              }`}
            >
              {item.label}
              {item.badge ? (
                <span className="rounded-full bg-accent px-1.5 text-xs font-semibold text-white">
                  <span className="sr-only"> (</span>
                  {item.badge}
                  <span className="sr-only">)</span>
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
