import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const configPath = path.resolve(__dirname, "../../../next.config.js");

function loadConfig(benchPages: string | undefined): { pageExtensions: string[] } {
  const before = process.env.COLLOQUY_BENCH_PAGES;
  if (benchPages === undefined) delete process.env.COLLOQUY_BENCH_PAGES;
  else process.env.COLLOQUY_BENCH_PAGES = benchPages;
  try {
    delete require.cache[configPath];
    return require(configPath);
  } finally {
    if (before === undefined) delete process.env.COLLOQUY_BENCH_PAGES;
    else process.env.COLLOQUY_BENCH_PAGES = before;
  }
}

describe("the benchmark's static page is a route only in the test/bench build", () => {
  afterEach(() => void delete require.cache[configPath]);

  it("a production build does not treat page.bench.tsx as a page", () => {
    const config = loadConfig(undefined);
    expect(config.pageExtensions).not.toContain("bench.tsx");
    expect(config.pageExtensions).toContain("tsx");
  });

  it("the build the browser tests and the bench share does", () => {
    expect(loadConfig("1").pageExtensions).toContain("bench.tsx");
  });
});
