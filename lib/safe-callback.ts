/**
 * Where to go after signing in: only a path on this site. Anything that could leave the
 * origin (`//host`, `/\host`, control characters, absolute URLs elsewhere) becomes "/".
 */
export function safeCallback(value: string | string[] | undefined | null): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || /[\\\u0000-\u001f\u007f]/.test(v)) return "/";
  try {
    const base = "http://colloquy.invalid";
    const url = new URL(v, base);
    if (url.origin !== base) return "/";
    const path = url.pathname + url.search + url.hash;
    return path.startsWith("//") ? "/" : path;
  } catch {
    return "/";
  }
}
