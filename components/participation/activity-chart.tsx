"use client";
import { useEffect, useRef } from "react";

export interface ChartDay {
  day: string;
  comments: number;
  replies: number;
}

/**
 * Posts per day as stacked bars (Chart.js, loaded only here — staff pages — never on the
 * reading page). The canvas is decorative for screen readers: the same numbers are in the
 * table under "Show as a table".
 */
export function ActivityChart({ days, label }: { days: ChartDay[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void (async () => {
      const { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend } = await import("chart.js");
      if (cancelled || !canvas.current) return;
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
      const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
      const text = dark ? "#d6d3d1" : "#44403c";
      const grid = dark ? "rgba(255,255,255,0.08)" : "rgba(0,0,0,0.06)";
      chart = new Chart(canvas.current, {
        type: "bar",
        data: {
          labels: days.map((d) => d.day.slice(5)),
          datasets: [
            { label: "Comments", data: days.map((d) => d.comments), backgroundColor: "#3b6fc4", stack: "posts", maxBarThickness: 28 },
            { label: "Replies", data: days.map((d) => d.replies), backgroundColor: "#d9a23a", stack: "posts", maxBarThickness: 28 },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { stacked: true, ticks: { color: text, maxRotation: 0, autoSkip: true }, grid: { display: false } },
            y: { stacked: true, beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid } },
          },
          plugins: { legend: { labels: { color: text } } },
        },
      });
    })();
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [days]);

  const total = days.reduce((n, d) => n + d.comments + d.replies, 0);
  return (
    <figure>
      <div className="h-48 w-full sm:h-56">
        <canvas ref={canvas} aria-hidden />
      </div>
      <figcaption className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        {label}: {total} {total === 1 ? "post" : "posts"} over {days.length} {days.length === 1 ? "day" : "days"}.
      </figcaption>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-accent dark:text-sky-300">Show as a table</summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <table className="text-sm">
            <caption className="sr-only">{label}, per day</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 text-left">
                  Day
                </th>
                <th scope="col" className="px-2 text-right">
                  Comments
                </th>
                <th scope="col" className="px-2 text-right">
                  Replies
                </th>
              </tr>
            </thead>
            <tbody>
              {days
                .filter((d) => d.comments + d.replies > 0)
                .map((d) => (
                  <tr key={d.day}>
                    <th scope="row" className="px-2 text-left font-normal">
                      {d.day}
                    </th>
                    <td className="px-2 text-right tabular-nums">{d.comments}</td>
                    <td className="px-2 text-right tabular-nums">{d.replies}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
