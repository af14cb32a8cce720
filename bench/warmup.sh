#!/usr/bin/env bash
# bench/warmup.sh DAY [REPEATS] [OUT_DIR]: `./hft replay --input DAY --json` without the AOT cache (HFT_AOT=off), with it
# (HFT_AOT=on), and with it and `--warm-up` (warm), in turn, REPEATS times each (default 5); then the medians of: the launcher's whole wall time
# (./hft start to exit, measured here), JVM start to the first message, the first 100k messages' rate, the steady rate
# (second half of the day) and the replay's wall-clock rate. Every run's JSON stays in OUT_DIR (default: a temp folder).
# Run `./hft warm` first (or let the first ./hft replay train the cache). docs/operations.md, bench/RESULTS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DAY="${1:?usage: bench/warmup.sh DAY [REPEATS] [OUT_DIR]}"
REPEATS="${2:-5}"
OUT="${3:-$(mktemp -d -t hft-warmup-XXXXXX)}"
mkdir -p "$OUT"
echo "warmup: $DAY, $REPEATS runs each way, JSON in $OUT; $(uptime)"
key() { sed -n "s/^ *\"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1"; }
for i in $(seq 1 "$REPEATS"); do
  for mode in off on warm; do
    json="$OUT/$mode-$i.json"
    t0=$(date +%s%N)
    aot=$mode warm=()
    if [ "$mode" = warm ]; then aot=on warm=(--warm-up); fi
    HFT_AOT=$aot "$ROOT/hft" replay --input "$DAY" --json "$json" "${warm[@]}" > "$OUT/$mode-$i.log" 2>&1
    t1=$(date +%s%N)
    echo "total_ms $(( (t1 - t0) / 1000000 ))" >> "$OUT/$mode-$i.log"
    printf '%-4s run %d: total %6d ms, first message %6s ms, first 100k %10s msg/s, steady %10s msg/s, wall %10s msg/s, cache %s\n' \
      "$mode" "$i" $(( (t1 - t0) / 1000000 )) "$(key "$json" time_to_first_message_ms)" "$(key "$json" first_100k_msgs_per_s)" \
      "$(key "$json" steady_msgs_per_s)" "$(key "$json" msgs_per_s)" "$(key "$json" aot_cache)"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}'; }
echo "medians of $REPEATS ($(uptime | sed 's/.*load/load/')):"
for mode in off on warm; do
  tot=$(for f in "$OUT"/$mode-*.log; do sed -n 's/^total_ms //p' "$f"; done | median)
  row() { for f in "$OUT"/$mode-*.json; do key "$f" "$1"; done | grep -v null | median; }
  printf '  %-4s  total %6s ms  first message %6s ms  first 100k %10s msg/s  steady %10s msg/s  wall %10s msg/s\n' \
    "$mode" "$tot" "$(row time_to_first_message_ms)" "$(row first_100k_msgs_per_s)" "$(row steady_msgs_per_s)" "$(row msgs_per_s)"
done
