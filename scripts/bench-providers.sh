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

make_pki() { # TYPE -> $work/pki-TYPE
  local t=$1 d=$work/pki-$1 gen
  mkdir -p "$d"
  if [ "$t" = ecdsa ]; then gen=(--gen --type ecdsa --size 256 --outform pem); else gen=(--gen --type ed25519 --outform pem); fi
  "$ike4j" pki "${gen[@]}" > "$d/ca.key"
  "$ike4j" pki --self --ca --in "$d/ca.key" --dn "O=ike4j bench, CN=$t CA" --outform pem > "$d/ca.pem"
  for side in left right; do
    "$ike4j" pki "${gen[@]}" > "$d/$side.key"
    "$ike4j" pki --issue --cacert "$d/ca.pem" --cakey "$d/ca.key" --in "$d/$side.key" --dn "O=ike4j bench, CN=$side.bench" \
        --san "$side.bench" --outform pem > "$d/$side.pem"
  done
}

write_conf() { # DIR SIDE(l|r) AUTH(psk|ecdsa|ed25519) PORT
  local dir=$1 side=$2 auth=$3 port=$4 me peer addrs lts rts lauth rauth
  mkdir -p "$dir"
  if [ "$side" = l ]; then me=left peer=right addrs="remote_addrs = 127.0.0.1
    remote_port = $port" lts=10.1.0.0/16 rts=10.2.0.0/16
  else me=right peer=left addrs="local_addrs = 127.0.0.1" lts=10.2.0.0/16 rts=10.1.0.0/16; fi
  if [ "$auth" = psk ]; then
    lauth="auth = psk
      id = $me.bench" rauth="auth = psk
      id = $peer.bench"
  else
    mkdir -p "$dir/x509" "$dir/x509ca" "$dir/private"
    cp "$work/pki-$auth/ca.pem" "$dir/x509ca/ca.pem"
    cp "$work/pki-$auth/$me.pem" "$dir/x509/$me.pem"
    cp "$work/pki-$auth/$me.key" "$dir/private/$me.key"
    lauth="auth = pubkey
      certs = $me.pem
      id = $me.bench" rauth="auth = pubkey
      id = $peer.bench"
  fi
  cat > "$dir/swanctl.conf" <<CONF
connections {
  bench {
    version = 2
    local_addrs = 127.0.0.1
    $addrs
    unique = never
    proposals = aes128gcm16-prfsha256-x25519
    local {
      $lauth
    }
    remote {
      $rauth
    }
    children {
      net {
        local_ts = $lts
        remote_ts = $rts
        esp_proposals = aes128gcm16
      }
    }
  }
}
secrets {
  ike-bench {
    id-1 = left.bench
    id-2 = right.bench
    secret = "provider-bench-psk"
  }
}
CONF
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

make_pki ecdsa
make_pki ed25519
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
