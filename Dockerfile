# syntax=docker/dockerfile:1
# Colloquy's container image — see docs/DEPLOY.md. UNTESTED HERE: Docker cannot run on the
# machines this project is developed on; the standalone server it runs was checked by hand
# (`node server.js` against a DATABASE_URL, docs/DEPLOY.md § "What was checked").
#
#   docker compose up                       # postgres + prepare + N app replicas + nginx
#   docker build --target app -t colloquy . # the app image alone
#
# Stages: deps (every package, the Prisma client generated) → build (next build, standalone
# output) → prepare (one-off: migrations through Prisma's WASM engine, the shared session
# secret) and app (the runtime: non-root, standalone server.js).

ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# The project's npm (11) honours package.json `allowScripts` (docs: STACK_NOTES, README).
RUN npm install -g npm@11.19.1 --no-audit --no-fund
COPY package.json package-lock.json .npmrc ./
# postinstall generates the Prisma client from the schema.
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/postinstall.mjs ./scripts/postinstall.mjs
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# COLLOQUY_STANDALONE=1: Next's standalone output (next.config.js); no Turbopack build cache.
ENV NODE_ENV=production COLLOQUY_STANDALONE=1 COLLOQUY_BUILD_CACHE=0
RUN node node_modules/next/dist/bin/next build

# Production packages only, for the runtime (see the app stage for why it needs them).
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

# One-off, before the replicas start: apply migrations, keep one session secret.
FROM build AS prepare
ENV COLLOQUY_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "--import", "tsx", "scripts/container-prepare.ts"]

FROM node:${NODE_VERSION}-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    COLLOQUY_DATA_DIR=/data
# Next's standalone server (server.js and the files its trace found)…
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
# …plus the whole production node_modules and the import code: the import sandbox
# (lib/import/sandbox.ts) bundles lib/import and lib/anchoring with esbuild at run time
# (resolving @/ through tsconfig.json) and
# loads mammoth, pdf.js, tesseract.js and the remark/rehype packages from node_modules in a
# worker thread — imports the tracer cannot see.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY --from=build /app/tsconfig.json ./tsconfig.json
COPY --from=build /app/generated ./generated
COPY --from=build /app/package.json ./package.json
COPY deploy/entrypoint.sh /usr/local/bin/colloquy-entrypoint
# Non-root. Writable: the data volume (mail outbox) and the sandbox bundle's cache.
RUN mkdir -p /data node_modules/.cache && chown node:node /data node_modules/.cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains: in-flight requests finish, the job runner hands back its jobs
# (docs/OPERATIONS.md); give it a stop timeout above 15 s. Run with an init (`--init`).
STOPSIGNAL SIGTERM
ENTRYPOINT ["colloquy-entrypoint"]
CMD ["node", "server.js"]
