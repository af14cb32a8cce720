#!/usr/bin/env bash
# Runs every benchmark of bench/README.md in sequence and writes one log with the machine, the date, the exact
# command and the load average before each figure: bench/results/run-<UTC date>.log.
# HFT overrides the launcher (default ./hft), e.g. HFT="java <flags> -jar cli/target/hft-cli.jar" when the tree
# must not be rebuilt. Run from the repository root.
set -uo pipefail
HFT=${HFT:-./hft}
JAVA=${JAVA:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java}
FLAGS="--enable-native-access=ALL-UNNAMED --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -XX:+EnableDynamicAgentLoading"
mkdir -p bench/results
LOG=bench/results/run-$(date -u +%Y%m%dT%H%MZ).log

{
  echo "date: $(date -u)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; kernel $(uname -r)"
  echo "jdk: $("$JAVA" -version 2>&1 | head -n1)"
} | tee "$LOG"

step() {
  echo | tee -a "$LOG"
  echo "## $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg) command: $*" | tee -a "$LOG"
  "$@" 2>&1 | tee -a "$LOG"
}

step $HFT bench jmh
step $HFT bench book-vs-c --messages 5000000 --symbols 500 --rounds 6 --repeat 3 --json bench/results/book-vs-c.json
step $HFT bench e2e --link loopback
step $HFT bench e2e --link veth
# Tick-to-trade / wire-to-wire through ingress (kernel UDP, DPDK net_af_packet, DPDK net_af_xdp, DPDK net_pcap replay), book, strategy,
# egress and the venue simulator (root: veth pair in a network namespace).
step $HFT bench e2e-pipeline --p99-limit-us 100000
step "$JAVA" $FLAGS -cp 'bench/target/classes:bench/target/lib/*' dev.hft.bench.dpdk.DpdkRxBench 10000000 5
# The default closed loop (sample file replayed at full speed -> books -> market makers -> OUCH -> embedded venue):
# its summary prints egress tick-to-trade (packet receipt -> order flushed) and the GC count.
step $HFT run
echo "log: $LOG"
