#!/usr/bin/env bash
# Handshake rate ike4j vs ike4j on loopback (no root, no namespaces) with each crypto provider choice: an ike4j
# responder (`ike4j daemon --dataplane none --crypto-provider SPEC`) and `ike4j bench --crypto-provider SPEC` as the
# initiators, both on this machine's cores. Compares the JDK-only providers with ike4j's defaults (see
# scripts/bench-crypto.sh for the per-primitive costs behind the defaults).
#
#   scripts/bench-providers.sh [COUNT] [CONCURRENCY] [SPEC...]     (defaults 300, 4, "jdk default")
#
# Cases: PSK + X25519 + AES-GCM-16; certificates with ECDSA P-256; certificates with Ed25519 (`ike4j pki`).
# Every IKE SA has one CHILD_SA and is deleted when up; BENCH_WARMUP (default 2000) unmeasured IKE SAs in the same
# bench JVM (`ike4j bench --warmup`) precede each measured run, so both JVMs are past JIT compilation.
# BENCH_CASES="psk ecdsa" limits the cases.
set -euo pipefail
count=${1:-300}
conc=${2:-4}
shift $(( $# >= 2 ? 2 : $# ))
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(jdk default)
warm=${BENCH_WARMUP:-2000}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
ike4j="$root/bin/ike4j"
work=$(mktemp -d /tmp/ike4j-bench-providers.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$ike4j" --help >/dev/null 2>&1 || true # builds the jar once
# shellcheck source=../ike4j-interop/scripts/bench-lab.sh
source "$root/ike4j-interop/scripts/bench-lab.sh" # bench_make_pki, bench_write_conf (no namespaces here)

write_conf() { # DIR SIDE(l|r) AUTH(psk|ecdsa|ed25519) PORT: both on loopback, the responder on PORT
  local addrs="local_addrs = 127.0.0.1"
  [ "$2" = l ] && addrs="local_addrs = 127.0.0.1
    remote_addrs = 127.0.0.1
    remote_port = $4"
  bench_write_conf "$1" "$2" "$3" aes128gcm16-prfsha256-x25519 "$addrs"
}

run_case() { # SPEC AUTH -> JSON line
  local spec=$1 auth=$2 port=$(( 20000 + RANDOM % 20000 )) d=$work/$1-$2
  write_conf "$d/r" r "$auth" "$port"
  write_conf "$d/l" l "$auth" "$port"
  "$ike4j" daemon --conf "$d/r/swanctl.conf" --uri "unix://$d/r/ike4j.sock" --port "$port" --natt-port $(( port + 1 )) \
      --dataplane none --log any=0 --dos cookie-threshold=1000,cookie-threshold-ip=0,block-threshold=0 --crypto-provider "$spec" > "$d/daemon.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do [ -S "$d/r/ike4j.sock" ] && break; sleep 0.1; done
  local b=("$ike4j" bench --conf "$d/l/swanctl.conf" --concurrency "$conc" --delete --timeout 60 --json --quiet --crypto-provider "$spec")
  "${b[@]}" --warmup "$warm" --count "$count" || true
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=
}

field() { local v; v=$(sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" <<< "$1" | head -1); echo "${v:-0}"; }

bench_make_pki ecdsa
bench_make_pki ed25519
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ike4j bench vs ike4j daemon on loopback: $count IKE SAs (+1 CHILD_SA each, deleted when up) after a warm-up of $warm, concurrency $conc"
printf '%-18s %-30s %12s %10s %8s\n' "auth" "--crypto-provider" "SAs/s" "p50 ms" "failed"
for auth in ${BENCH_CASES:-psk ecdsa ed25519}; do
  for spec in "${specs[@]}"; do
    out=$(run_case "$spec" "$auth")
    printf '%-18s %-30s %12s %10s %8s\n' "$auth" "$spec" "$(field "$out" rate_per_s)" "$(field "$out" p50)" \
        "$(( $(field "$out" failed) + $(field "$out" timed_out) ))"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
