#!/usr/bin/env bash
# Everything about `sam build && sam deploy` that can be checked without AWS, SAM CLI or Docker (issue 6):
#   1. cfn-lint template.yaml                      no errors (warnings fail too)
#   2. the SAM transform (aws-sam-translator)      -> artifacts/deploy/template.json, read by tests/Failover.Deploy.Tests
#   3. asl-validator on every src/StateMachine/*.asl.json (npm, installed into .ci/node on first use)
#   4. make build-ApiFunction, as sam build runs it -> artifacts/deploy/ApiFunction/bootstrap: an ELF executable
#      whose glibc symbols are all 2.34 or older (Amazon Linux 2023, provided.al2023)
# Run from anywhere; .ci/run calls it and then exports FAILOVER_BOOTSTRAP and FAILOVER_TRANSLATED_TEMPLATE.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=artifacts/deploy
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; SECONDS=0; }
done_step() { echo "   ok (${SECONDS}s)"; }

step "cfn-lint template.yaml"
cfn-lint template.yaml
done_step

step "SAM transform -> $out/template.json"
python3 infra/sam_translate.py template.yaml "$out/template.json"
done_step

step "asl-validator src/StateMachine/*.asl.json"
validator=.ci/node/node_modules/.bin/asl-validator
[ -x "$validator" ] || npm install --prefix .ci/node --no-audit --no-fund --loglevel=error asl-validator >/dev/null
shopt -s nullglob
definitions=(src/StateMachine/*.asl.json)
[ ${#definitions[@]} -gt 0 ] || { echo "no state machine definition in src/StateMachine" >&2; exit 1; }
for definition in "${definitions[@]}"; do "$validator" --json-path "$definition"; done
done_step

step "make build-ApiFunction (what sam build runs)"
make --no-print-directory build-ApiFunction ARTIFACTS_DIR="$PWD/$out/ApiFunction"
bootstrap="$out/ApiFunction/bootstrap"
[ -x "$bootstrap" ] || { echo "$bootstrap is missing or not executable" >&2; exit 1; }
[ "$(head -c 4 "$bootstrap" | od -An -c | tr -d ' ')" = '177ELF' ] || { echo "$bootstrap is not an ELF file" >&2; exit 1; }
newest=$(objdump -T "$bootstrap" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
if [ "$(printf '%s\n2.34\n' "$newest" | sort -V | tail -1)" != "2.34" ]; then
  echo "$bootstrap needs GLIBC_$newest; Amazon Linux 2023 has 2.34" >&2; exit 1
fi
echo "   $bootstrap: ELF, newest glibc symbol GLIBC_$newest"
done_step
