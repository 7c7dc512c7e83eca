/** A tiny bar sparkline of posts per week, drawn on the server as one SVG path (no script,
 *  and small: it repeats on every row of a 300-student table). */
export function Sparkline({ counts, label }: { counts: number[]; label: string }) {
  const max = Math.max(1, ...counts);
  const step = 5;
  const h = 18;
  let bars = "";
  let zeros = "";
  counts.forEach((n, i) => {
    const height = n === 0 ? 1 : Math.max(2, Math.round((n / max) * h));
    const d = `M${i * step} ${h}v-${height}h4v${height}z`;
    if (n === 0) zeros += d;
    else bars += d;
  });
  return (
    <svg role="img" aria-label={label} width={counts.length * step} height={h} className="text-accent dark:text-sky-300">
      <path d={zeros} fill="currentColor" opacity={0.25} />
      <path d={bars} fill="currentColor" />
    </svg>
  );
}
