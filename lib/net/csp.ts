/**
 * Colloquy's Content-Security-Policy for pages. Scripts run only with this response's nonce
 * (Next.js stamps it on its own scripts) or when loaded by such a script ('strict-dynamic');
 * no plugins, no framing, forms and base URLs stay on this site, and nothing is loaded from
 * elsewhere. `upgrade-insecure-requests` only over HTTPS (over plain HTTP it would send a
 * local server's own assets to https://). In development React needs eval for its
 * debugging aids.
 */
export function contentSecurityPolicy(options: { nonce: string; https: boolean; dev?: boolean }): string {
  const { nonce, https, dev } = options;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Development's style injection has no nonce; a nonce would make 'unsafe-inline' ignored.
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
