#!/bin/sh
# The app image's entrypoint (docs/DEPLOY.md): every replica must sign sessions with the
# same secret. NEXTAUTH_SECRET wins; otherwise the one the `prepare` service keeps in the
# shared data volume.
set -eu
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  secret_file="${COLLOQUY_DATA_DIR:-/data}/auth-secret"
  if [ ! -s "$secret_file" ]; then
    echo "[colloquy] no NEXTAUTH_SECRET and no $secret_file: run the prepare step first (docker compose up does), or set NEXTAUTH_SECRET." >&2
    exit 1
  fi
  NEXTAUTH_SECRET=$(cat "$secret_file")
  export NEXTAUTH_SECRET
fi
exec "$@"
