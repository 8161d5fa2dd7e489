#!/usr/bin/env bash
# Renders `bitext align --format html` on the example pair and photographs the page in headless
# Chromium (Debian's `chromium` package), to look at the right-to-left layout and highlights.
#
#   Scripts/screenshot-align.sh [OUT.png] [WIDTHxHEIGHT]     (default align.png, 1400x1000)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-align.png}"
SIZE="${2:-1400x1000}"
BROWSER="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$BROWSER" ]; then
  echo "screenshot-align: no chromium on PATH (apt-get install chromium)" >&2
  exit 2
fi
swift build -c release --product bitext --static-swift-stdlib >&2
BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)/bitext"
PAGE="$(mktemp --suffix=.html)"
trap 'rm -f "$PAGE"' EXIT
"$BIN" align --en Examples/tripoli-talks.en.txt --ar Examples/tripoli-talks.ar.txt --format html > "$PAGE"
"$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="${SIZE/x/,}" --screenshot="$(realpath -m "$OUT")" "file://$PAGE" 2>/dev/null
echo "wrote $OUT" >&2
