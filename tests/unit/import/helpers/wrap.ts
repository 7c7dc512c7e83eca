/**
 * Hard-wrap text the way a typesetter breaks compounds: a hyphenated word that reaches the margin is
 * broken after one of its own hyphens ("down-" / "to-earth") when its head fits on the line.
 */
export function wrapBreakingCompounds(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const room = width - (line ? line.length + 1 : 0);
    if (w.length <= room) {
      line = line ? `${line} ${w}` : w;
      continue;
    }
    // break a compound after the last of its hyphens that still fits
    const cut = room > 1 ? w.slice(0, room).lastIndexOf("-") : -1;
    if (line && cut > 0 && /\p{L}/u.test(w[cut - 1]!) && /\p{L}/u.test(w[cut + 1] ?? "")) {
      lines.push(`${line} ${w.slice(0, cut + 1)}`);
      line = "";
      words.splice(i + 1, 0, w.slice(cut + 1));
      continue;
    }
    if (line) lines.push(line);
    line = w;
  }
  if (line) lines.push(line);
  return lines;
}
