#!/usr/bin/env bash
# Builds the web dashboard (web/ -> web/dist) with npm: the API function embeds web/dist and serves it at GET /.
# Functions.csproj runs this before compiling whenever web/dist is missing or older than its sources, so
# `dotnet build`, `dotnet test` and `dotnet run --project src/Local` build it on a fresh checkout; CI and the bootstrap
# publish run it too. Needs Node.js 20.19+ with npm; `npm ci` runs only when node_modules is missing or stale, and the
# build only when web/dist is missing or stale (`--force` to build anyway).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../web"

command -v npm >/dev/null || {
  echo "build-dashboard.sh: error: npm is missing; install Node.js 20.19 or later (web/ is the dashboard the API function embeds)" >&2
  exit 1
}
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The same rule as Functions.csproj: build when web/dist is missing or older than a source (--force: always).
# The editor's forms are generated from the spec's JSON Schema, imported at build time: it is a source too.
sources=(src index.html package.json package-lock.json vite.config.ts tsconfig.json ../schemas/tree.schema.json)
if [ "${1:-}" != "--force" ] && [ -f dist/index.html ] && [ -z "$(find "${sources[@]}" -newer dist/index.html -print -quit)" ]; then
  echo "build-dashboard.sh: web/dist is up to date"
  exit 0
fi
npm run --silent build
