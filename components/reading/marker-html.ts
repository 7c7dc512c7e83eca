/**
 * The right-gutter discussion marker of each paragraph, as HTML. The server writes it into
 * the reading's HTML (lib/readings/article-html.ts) with the viewer's counts, so the first
 * paint is right; in the browser components/reading/static-article.tsx keeps each marker in
 * step with the live counts and the open panel by setting the same pieces. One definition
 * for both, so they cannot drift. Always rendered and focusable (touch screens have no
 * hover); faint when empty, stronger with discussion ("heat"), a dot when some of it is new.
 */
export interface MarkerState {
  count: number;
  fresh: number;
  open: boolean;
}

export const markerLabel = (number: number, count: number, fresh: number) =>
  `Discuss paragraph ${number}: ${count} ${count === 1 ? "comment" : "comments"}${fresh ? `, ${fresh} new` : ""}`;

export const markerHeat = (count: number) => (count === 0 ? "discuss-empty" : count < 3 ? "discuss-warm" : "discuss-hot");

/** The count and the unread dot; the speech bubble is drawn by CSS (`.discuss::before` in
 *  app/globals.css), so the marker that repeats on every paragraph stays a few bytes. */
export function markerInner(count: number, fresh: number): string {
  return (count > 0 ? `<span aria-hidden="true">${count}</span>` : "") + (fresh > 0 ? `<span aria-hidden="true" class="discuss-new"></span>` : "");
}

/** What a marker shows, as one attribute value: syncMarker touches a marker only when it changes. */
const stateKey = (count: number, fresh: number, open: boolean) => `${count}/${fresh}/${open}`;

/** The whole button (numbers only are interpolated: nothing here needs escaping). It carries
 *  its state key, so the browser's first sync after hydration finds nothing to change (no
 *  rewrite of every marker, no style recalculation of the whole text on a phone). */
export function markerHtml(number: number, state: MarkerState): string {
  const fresh = Math.min(state.fresh, state.count);
  return (
    `<button type="button" data-discuss="${number}" data-state="${stateKey(state.count, fresh, state.open)}" aria-label="${markerLabel(number, state.count, fresh)}" aria-expanded="${state.open}" aria-controls="discussion-panel" class="discuss ${markerHeat(state.count)}${state.open ? " discuss-open" : ""}">` +
    markerInner(state.count, fresh) +
    `</button>`
  );
}

/** Brings a marker already in the page to `state`, touching only what changed (a marker
 *  that just got a live comment keeps its `discuss-arrived` animation class). */
export function syncMarker(button: HTMLButtonElement, number: number, state: MarkerState): void {
  const fresh = Math.min(state.fresh, state.count);
  const key = stateKey(state.count, fresh, state.open);
  if (button.dataset.state === key) return;
  button.dataset.state = key;
  button.setAttribute("aria-label", markerLabel(number, state.count, fresh));
  button.setAttribute("aria-expanded", String(state.open));
  button.classList.remove("discuss-empty", "discuss-warm", "discuss-hot");
  button.classList.add(markerHeat(state.count));
  button.classList.toggle("discuss-open", state.open);
  button.innerHTML = markerInner(state.count, fresh);
}
