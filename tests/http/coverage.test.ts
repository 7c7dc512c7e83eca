/**
 * Every endpoint in app/ has an entry in tests/http/endpoints.ts — so the authorization
 * matrix and the fuzzer reach it. Pages (page.tsx), route handlers (each exported HTTP
 * method of a route.ts) and server actions (each export of a "use server" file) are found
 * by reading the source; a new one without an entry fails here with the line to add.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ENDPOINTS } from "./endpoints";

const APP = path.join(process.cwd(), "app");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

export function discoverEndpoints(): string[] {
  const found: string[] = [];
  for (const file of files(APP)) {
    const rel = path.relative(process.cwd(), file).split(path.sep).join("/");
    const source = readFileSync(file, "utf8");
    if (/\/page\.(tsx|ts|jsx|js)$/.test(rel)) found.push(`page ${rel}`);
    if (/\/route\.(ts|js)$/.test(rel)) {
      const methods = new Set<string>();
      for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1]!);
      for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const n of m[1]!.matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(n[1]!);
      for (const method of methods) found.push(`${method} ${rel}`);
    }
    if (/^\s*["']use server["']/.test(source)) {
      for (const m of source.matchAll(/export\s+async\s+function\s+(\w+)/g)) found.push(`action ${rel}#${m[1]}`);
    }
  }
  return found.sort();
}

describe("every endpoint is in the authorization matrix and the fuzzer", () => {
  test("app/ has no page, route handler or server action without an entry in tests/http/endpoints.ts", () => {
    const listed = new Set(ENDPOINTS.map((e) => e.source));
    const missing = discoverEndpoints().filter((s) => !listed.has(s));
    expect(missing, `add an entry to tests/http/endpoints.ts for each (docs/SECURITY.md says how):\n${missing.join("\n")}`).toEqual([]);
  });

  test("no entry names an endpoint that does not exist", () => {
    const found = new Set(discoverEndpoints());
    expect(ENDPOINTS.map((e) => e.source).filter((s) => !found.has(s))).toEqual([]);
  });
});
