#!/bin/sh
# Builds libhftdpdk.so into $1 and copies it into the classes directory $2 (so the jar carries it).
# Without gcc or the DPDK headers it builds nothing and succeeds: the Java side then reports DPDK
# unavailable with the reason.
out="$1"; classes="$2"; src="$(dirname "$0")/hft_dpdk_shim.c"
if ! command -v gcc >/dev/null 2>&1 || ! pkg-config --exists libdpdk 2>/dev/null; then
    echo "hft-dpdk: gcc or libdpdk (pkg-config) missing: native shim not built, DPDK will be reported unavailable" >&2
    exit 0
fi
mkdir -p "$out" "$classes/dev/hft/dpdk/native"
gcc -O2 -fPIC -shared -Wall -Werror -o "$out/libhftdpdk.so" "$src" $(pkg-config --cflags --libs libdpdk) || exit 1
cp "$out/libhftdpdk.so" "$classes/dev/hft/dpdk/native/libhftdpdk.so"
