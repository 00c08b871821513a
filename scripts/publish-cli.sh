#!/usr/bin/env bash
# Publishes the `failover` command line as one Native AOT executable (no .NET runtime needed to run it) and copies it to
# OUTPUT (default ./failover at the repository's root). `make cli` runs this when a source of the CLI changed.
# Warnings fail the publish: trim and AOT analyzer warnings mean code that may break only in the published binary.
#
#   scripts/publish-cli.sh [OUTPUT] [RID]
#
# RID defaults to the build machine's (linux-x64 on x86_64, linux-arm64 on aarch64; osx-arm64/osx-x64 on macOS).
# Native AOT needs clang (or gcc) and zlib's headers on Linux (Debian: apt-get install clang zlib1g-dev), Xcode's
# command line tools on macOS.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="${1:-$repo/failover}"
os=linux
[ "$(uname -s)" = Darwin ] && os=osx
case "${2:-$(uname -m)}" in
  x86_64 | amd64) rid="$os-x64" ;;
  aarch64 | arm64) rid="$os-arm64" ;;
  *-x64 | *-arm64) rid="$2" ;;
  *) echo "publish-cli.sh: unsupported architecture or RID '${2:-$(uname -m)}' (use linux-x64, linux-arm64, osx-x64 or osx-arm64)" >&2; exit 2 ;;
esac
if [ "$os" = linux ] && ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  echo "publish-cli.sh: Native AOT needs a C toolchain to link: install clang and zlib (Debian: apt-get install clang zlib1g-dev)" >&2
  exit 1
fi

folder="$repo/artifacts/cli/$rid"
mkdir -p "$folder" "$(dirname "$output")"
dotnet publish "$repo/src/Cli/Cli.csproj" \
  -c Release -r "$rid" -p:PublishAot=true -p:TreatWarningsAsErrors=true \
  -nologo -o "$folder"
cp "$folder/failover" "$output"
chmod +x "$output"
echo "published $output ($rid, $(( $(stat -c %s "$output" 2>/dev/null || stat -f %z "$output") / 1024 / 1024 )) MB)"
