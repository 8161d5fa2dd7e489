#!/usr/bin/env bash
# Builds and runs the libFuzzer target for normalize and detect.
#
#   Scripts/fuzz.sh [SECONDS] [extra libFuzzer flags…]     (default 600 s)
#
# The library modules are built by SwiftPM with fuzzer coverage and AddressSanitizer into
# .build-fuzz/; the entry point (Scripts/Fuzz/FuzzNormalizeDetect.swift) is then linked
# against them with swiftc, since libFuzzer provides main(). The corpus lives in
# .build-fuzz/corpus (seeded from the test fixtures); crashes are written to fuzz-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-600}"
shift || true
SCRATCH=.build-fuzz
FLAGS=(-c release --scratch-path "$SCRATCH" -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address)
for t in BitextCore ICUBridge BitextNormalize BitextScript; do
  swift build "${FLAGS[@]}" --target "$t"
done
BIN="$(swift build "${FLAGS[@]}" --show-bin-path)"
objects=()
for t in CICU BitextCore ICUBridge BitextNormalize BitextScript; do
  objects+=("$BIN/$t.build"/*.o)
done
swiftc -O -sanitize=fuzzer,address -parse-as-library \
  -I "$BIN/Modules" -I "$BIN" -I Sources/CICU/include \
  -Xcc -fmodule-map-file="$BIN/CICU.build/module.modulemap" \
  Scripts/Fuzz/FuzzNormalizeDetect.swift "${objects[@]}" \
  -licui18n -licuuc -licudata -o "$SCRATCH/fuzz-normalize-detect"
mkdir -p "$SCRATCH/corpus" fuzz-out
cp Tests/BitextCLITests/Fixtures/*.txt "$SCRATCH/corpus/" 2>/dev/null || true
cut -f1 Tests/BitextNormalizeTests/Golden/*.txt | grep -v '^#' | split -l 1 - "$SCRATCH/corpus/golden-" || true
exec "$SCRATCH/fuzz-normalize-detect" "$SCRATCH/corpus" -max_total_time="$SECONDS_TO_RUN" \
  -max_len=4096 -artifact_prefix=fuzz-out/ -print_final_stats=1 "$@"
