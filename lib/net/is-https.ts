/**
 * Whether the browser reached Colloquy over HTTPS — directly, or through a proxy that
 * terminates TLS. Mirrors next-auth's rule, so our cookies match its own: NEXTAUTH_URL's
 * scheme when it is set; otherwise the proxy's X-Forwarded-Proto (`npm start` trusts the
 * host headers unless NEXTAUTH_URL is set).
 */
export function isHttpsRequest(headers: Headers, env: Record<string, string | undefined> = process.env): boolean {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.startsWith("https://");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}
