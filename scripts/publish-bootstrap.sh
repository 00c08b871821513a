#!/usr/bin/env bash
# Publishes the Native AOT `bootstrap` (the one binary behind every Lambda function, provided.al2023) into a folder.
# Used by the Makefile that `sam build` runs and by CI. Warnings fail the publish: trim and AOT analyzer warnings
# mean code that may break only in the published binary.
#
#   scripts/publish-bootstrap.sh OUTPUT_DIR [RID]
#
# RID defaults to the build machine's (linux-x64 on x86_64, linux-arm64 on aarch64). Native AOT does not
# cross-compile between architectures without a cross toolchain, so build arm64 (Graviton: cheaper per GB-second and
# faster to start) on an arm64 host or in SAM's arm64 build container.
set -euo pipefail

out="${1:?usage: publish-bootstrap.sh OUTPUT_DIR [RID]}"
case "${2:-$(uname -m)}" in
  x86_64 | amd64 | linux-x64) rid=linux-x64 ;;
  aarch64 | arm64 | linux-arm64) rid=linux-arm64 ;;
  *) echo "publish-bootstrap.sh: unsupported architecture or RID '${2:-$(uname -m)}' (use linux-x64 or linux-arm64)" >&2; exit 2 ;;
esac

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# The web dashboard the Api function serves (web/ -> web/dist, embedded by Functions.csproj): built first, with npm.
bash "$repo/scripts/build-dashboard.sh"

dotnet publish "$repo/src/Functions/Functions.csproj" \
  -c Release -r "$rid" -p:PublishAot=true -p:TreatWarningsAsErrors=true \
  -nologo -o "$out"

# Lambda needs only the executable: symbols and the referenced projects' PDBs stay out of the package.
rm -f "$out"/*.dbg "$out"/*.pdb
chmod +x "$out/bootstrap"
echo "published $out/bootstrap ($rid)"
