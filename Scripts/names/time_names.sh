#!/usr/bin/env bash
# Times the release binary on name files (wall clock, peak RSS), three runs each.
#   bash Scripts/names/time_names.sh NAMES.txt [CANDIDATES.txt QUERIES.txt]
# translit --variants 1 and 5 on NAMES.txt; with CANDIDATES and QUERIES also names resolve.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=.build/release/bitext
[ -x "$bin" ] || swift build -c release --product bitext
names=$1
n=$(wc -l < "$names")
run() {  # label, input file, command...
  local label=$1 input=$2; shift 2
  for i in 1 2 3; do
    /usr/bin/time -f "%e %M" "$@" < "$input" > /dev/null 2>> /tmp/bitext-time.$$ || true
    tail -1 /tmp/bitext-time.$$
  done | sort -n | sed -n 2p | { read -r s kb; echo "$label: median ${s}s, peak RSS $((kb / 1024)) MB"; }
}
for k in 1 5; do
  run "translit --variants $k ($n names)" "$names" $bin translit --to latin --variants $k --format jsonl
done
if [ $# -ge 3 ]; then
  run "names resolve ($(wc -l < "$3") queries x $(wc -l < "$2") candidates)" "$3" \
    $bin names resolve --candidates "$2" --top 5 --format jsonl
fi
rm -f /tmp/bitext-time.$$
