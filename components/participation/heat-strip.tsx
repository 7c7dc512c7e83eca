/**
 * Where the class is talking, for staff on the reading page: one cell per paragraph,
 * darker where there is more discussion, each a jump to its paragraph — plain HTML and
 * CSS rendered on the server, so it adds nothing to the reading page's scripts. The cells
 * are for the mouse (and hidden from screen readers: 50–500 tiny links would drown the
 * page); the busiest paragraphs are also listed as ordinary links.
 */
const LEVELS = [
  "bg-stone-200 dark:bg-stone-800",
  "bg-amber-200 dark:bg-amber-900",
  "bg-amber-300 dark:bg-amber-700",
  "bg-amber-500 dark:bg-amber-500",
  "bg-amber-700 dark:bg-amber-300",
];

export function HeatStrip({ paragraphs }: { paragraphs: { number: number; comments: number }[] }) {
  if (paragraphs.length === 0) return null;
  const max = Math.max(...paragraphs.map((p) => p.comments));
  const level = (n: number) => (n === 0 || max === 0 ? 0 : Math.max(1, Math.ceil((n / max) * 4)));
  const busiest = paragraphs
    .filter((p) => p.comments > 0)
    .sort((a, b) => b.comments - a.comments || a.number - b.number)
    .slice(0, 5);
  return (
    <section aria-label="Discussion by paragraph" className="no-print mt-4 font-sans">
      <div aria-hidden className="flex h-3 w-full gap-px overflow-hidden rounded">
        {paragraphs.map((p) => (
          <a key={p.number} href={`#p-${p.number}`} tabIndex={-1} title={`¶ ${p.number}: ${p.comments} ${p.comments === 1 ? "comment" : "comments"}`} className={`min-w-px flex-1 ${LEVELS[level(p.comments)]}`} />
        ))}
      </div>
      <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">
        {busiest.length === 0 ? (
          "No discussion yet."
        ) : (
          <>
            Busiest:{" "}
            {busiest.map((p, i) => (
              <span key={p.number}>
                {i > 0 ? ", " : ""}
                <a href={`#p-${p.number}`} className="text-accent dark:text-sky-300 hover:underline">
                  ¶ {p.number}
                </a>{" "}
                ({p.comments})
              </span>
            ))}
          </>
        )}
      </p>
    </section>
  );
}
