#!/usr/bin/env bash
# Builds bitext (release, Swift runtime linked in) and runs it on the team's example texts.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/ensure-deps.sh
swift build -c release --product bitext --static-swift-stdlib >&2
BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)/bitext"
echo "\$ bitext align --en Examples/tripoli-talks.en.txt --ar Examples/tripoli-talks.ar.txt --format text"
"$BIN" align --en Examples/tripoli-talks.en.txt --ar Examples/tripoli-talks.ar.txt --format text
echo
echo "\$ echo 'القذافي' | bitext translit --variants 5 --format text"
echo 'القذافي' | "$BIN" translit --variants 5 --format text
echo
echo "\$ bitext detect --format text --details --confusables Examples/mixed-and-tricky.txt"
"$BIN" detect --format text --details --confusables Examples/mixed-and-tricky.txt
echo
echo "\$ bitext normalize --profile search Examples/benghazi-talks.ar.txt"
"$BIN" normalize --profile search Examples/benghazi-talks.ar.txt
