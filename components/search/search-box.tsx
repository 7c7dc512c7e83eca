import { SearchIcon } from "@/components/ui/icons";

/**
 * The course's search box (course page, reading page): a plain GET form, so Enter opens
 * /courses/<slug>/search?q=… with the results in its <main> — no script needed.
 */
export function SearchBox({ courseSlug, defaultValue = "", className = "" }: { courseSlug: string; defaultValue?: string; className?: string }) {
  return (
    <div role="search" aria-label="Course search" className={`no-print ${className}`}>
      <form action={`/courses/${courseSlug}/search`} method="get" className="flex max-w-md items-center gap-2">
        <span className="relative flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2 h-4 w-4 -translate-y-1/2 text-stone-500" />
          <input
            type="search"
            name="q"
            aria-label="Search"
            placeholder="Search the readings and discussion"
            defaultValue={defaultValue}
            maxLength={1000}
            className="w-full rounded-md border border-stone-300 bg-white py-1.5 pr-2 pl-8 font-sans text-sm text-stone-900 dark:border-stone-700 dark:bg-stone-950 dark:text-stone-100"
          />
        </span>
      </form>
    </div>
  );
}
