#!/usr/bin/env bash
# Runs the test suite (installing ICU's development files first if they are missing).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/ensure-deps.sh
swift test "$@"
