import { isIPv6 } from "node:net";

/** The header the app server stamps with the TCP peer's address on every request
 *  (lib/net/stamp-peer-address.ts); a client cannot set it. */
export const PEER_HEADER = "x-colloquy-peer";

/**
 * The client's address, for per-address limits. Next.js keeps a client's own
 * `X-Forwarded-For`, so it is trusted only as far as `COLLOQUY_TRUSTED_PROXIES` says: with 0
 * (the default: clients connect directly) the TCP peer is the client; with N, the N-th
 * address from the right of X-Forwarded-For + peer (what N proxies in front appended).
 * IPv6 clients are grouped by their /64, which one subscriber usually holds whole.
 */
export function clientIp(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const hops = Math.max(0, Math.min(10, Number.parseInt(env.COLLOQUY_TRUSTED_PROXIES ?? "0", 10) || 0));
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const peer = headers.get(PEER_HEADER)?.trim();
  const chain = peer ? [...forwarded, peer] : forwarded;
  const picked = chain[Math.max(0, chain.length - 1 - hops)];
  return normaliseAddress(picked ?? "unknown");
}

export function normaliseAddress(address: string): string {
  const a = address.replace(/^\[|\]$/g, "").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").toLowerCase();
  if (!isIPv6(a)) return a.slice(0, 64);
  const [head = "", tail = ""] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = a.includes("::") && tail ? tail.split(":") : [];
  const groups = a.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
