#!/usr/bin/env bash
# Rebuilds the generated lexicon files and the compiled blobs from shared/data and Scripts/data.
#   bash Scripts/build-lexicons.sh [path/to/shared/data]
# Then rebuild bitext (the blobs are embedded) and run `swift test`: a test fails when the
# manifest, the files and the compiled lexicon disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
python3 Scripts/build-places.py --data "$data/gazetteer"
swift build -c release --product GenerateLexicons
.build/release/GenerateLexicons .
python3 Scripts/stamp-blobs.py
