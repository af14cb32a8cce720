#!/usr/bin/env bash
# bench/replay-vs-c.sh DAY [REPEATS] [OUT_DIR]: the replay's wall-clock rate against the C loop's, interleaved. Each
# repeat runs `./hft bench book-vs-c --input DAY` (the C loop and the Java core path on one thread, no rings), then
# `./hft replay --input DAY --warm-up` in the direct layout and in the pipeline layout; it prints each run and, at the
# end, the medians and the per-run ratios (C loop median msg/s over the replay's msg/s). Every run's JSON and output
# stay in OUT_DIR (default: a temp folder). Env: ROUNDS (book-vs-c rounds per run, default 3), ORDER_CAPACITY (per
# shard, default the replay's), HFT_JAVA_OPTS (e.g. -Xmx8g for a 20M- or 50M-message day). bench/RESULTS.md, "Replay".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DAY="${1:?usage: bench/replay-vs-c.sh DAY [REPEATS] [OUT_DIR]}"
REPEATS="${2:-5}"
OUT="${3:-$(mktemp -d -t hft-replay-vs-c-XXXXXX)}"
mkdir -p "$OUT"
capacity=()
if [ -n "${ORDER_CAPACITY:-}" ]; then capacity=(--order-capacity "$ORDER_CAPACITY"); fi
echo "replay-vs-c: $DAY, $REPEATS repeats, output in $OUT; $(uptime)"
key() { sed -n "s/^ *\"$2\" *: *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\} *$/\1/p" "$1"; }
for i in $(seq 1 "$REPEATS"); do
  "$ROOT/hft" bench book-vs-c --input "$DAY" --rounds "${ROUNDS:-3}" --json "$OUT/c-$i.json" > "$OUT/c-$i.log" 2>&1
  c=$(key "$OUT/c-$i.json" c_median_ns_per_msg)
  line="run $i: C loop median $(awk "BEGIN {printf \"%.2fM\", 1000 / $c}") msg/s (Java core path best/median $(awk "BEGIN {printf \"%.1f/%.1f\", $(key "$OUT/c-$i.json" java_best_ns_per_msg), $(key "$OUT/c-$i.json" java_median_ns_per_msg)}") ns/msg)"
  for layout in direct pipeline; do
    "$ROOT/hft" replay --input "$DAY" --layout "$layout" --warm-up ${capacity[@]+"${capacity[@]}"} --json "$OUT/$layout-$i.json" \
      > "$OUT/$layout-$i.log" 2>&1
    rate=$(key "$OUT/$layout-$i.json" msgs_per_s)
    line="$line; $layout $(awk "BEGIN {printf \"%.2fM msg/s, C/replay %.2f\", $rate / 1e6, 1e9 / $c / $rate}")"
  done
  echo "$line ($(uptime | sed 's/.*load/load/'))"
done
median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
echo "medians of $REPEATS:"
for layout in direct pipeline; do
  rate=$(for i in $(seq 1 "$REPEATS"); do key "$OUT/$layout-$i.json" msgs_per_s; done | median)
  ratio=$(for i in $(seq 1 "$REPEATS"); do
    awk "BEGIN {print 1e9 / $(key "$OUT/c-$i.json" c_median_ns_per_msg) / $(key "$OUT/$layout-$i.json" msgs_per_s)}"; done | median)
  printf '  %-8s %6.2fM msg/s, C loop / replay %.2f\n' "$layout" "$(awk "BEGIN {print $rate / 1e6}")" "$ratio"
done
