#!/usr/bin/env bash
# The whole test suite: types, lint, the shipped rule files and their examples, then the unit,
# property and CLI tests. The last line is the test runner's summary ("Tests: N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== temporal binaries"
bash scripts/install-temporal.sh
echo "== typecheck"
npx tsc --noEmit
echo "== lint"
npx biome check .
echo "== rules check"
node bin/gridcase.js rules check rules
echo "== rules test"
node bin/gridcase.js rules test rules
echo "== vitest"
npx vitest run
