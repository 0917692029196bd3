#!/usr/bin/env bash
# Handshake rate: `ike4j bench` (the initiators, in one namespace) against an ike4j responder and against a
# strongSwan charon responder (in another namespace, one veth link 192.0.2.1 <-> 192.0.2.2), same machine, same run.
#
#   sudo ike4j-interop/scripts/bench-handshakes.sh [COUNT] [CONCURRENCY]     (defaults 2000 and 4)
#
# Cases: PSK + X25519 + AES-GCM-16; the same with ML-KEM-768 as an additional key exchange (ike4j only: strongSwan
# 5.9.8 has no ML-KEM); certificates with ECDSA P-256; certificates with Ed25519 (CA -> leaf made by
# `ike4j pki`). Each IKE SA has one CHILD_SA and is deleted as soon as it is up (load-tester's
# delete_after_established). Both responders run with their default DoS limits (ike4j and strongSwan: 5 half-open SAs
# per peer address before dropping, 3 per address or 30 in all before cookies), so the concurrency stays at or below
# 5 (beyond 3 at once from the one bench address, both demand a COOKIE first). The responders keep
# their CHILD_SAs in memory (ike4j --dataplane none) or in kernel-libipsec (strongSwan), no traffic flows. Each bench
# first sets up BENCH_WARMUP (default 2000) unmeasured IKE SAs in the same JVM (`ike4j bench --warmup`): a fresh JVM
# spends its first thousands of handshakes compiling (C1, then C2; the compiler threads take as much CPU as the
# handshakes), and both the bench's initiator JVM and the ike4j responder must be warm, as on a long-running gateway.
# The bench and the responder share the machine's cores: the figures are for this whole system, not one process.
# Needs root, iproute2, strongSwan 5.9 (charon-systemd, swanctl, kernel-libipsec) and a JDK 25.
set -euo pipefail
count=${1:-2000}
conc=${2:-4}
warm=${BENCH_WARMUP:-2000}
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=bench-lab.sh
source "$root/ike4j-interop/scripts/bench-lab.sh"
bench_lab_require ip swanctl /usr/sbin/charon-systemd
bench_lab_up hsbench

proposal_for() { # AUTH -> IKE proposal (psk-mlkem768: hybrid post-quantum, one IKE_INTERMEDIATE with ML-KEM-768)
  if [ "$1" = psk-mlkem768 ]; then echo aes128gcm16-prfsha256-x25519-ke1_mlkem768; else echo aes128gcm16-prfsha256-x25519; fi
}

write_conf() { # DIR SIDE(l|r) AUTH
  local addrs="remote_addrs = 192.0.2.2"
  [ "$2" = r ] && addrs="local_addrs = 192.0.2.2"
  bench_write_conf "$1" "$2" "$3" "$(proposal_for "$3")" "$addrs"
}

start_ike4j() { # DIR
  "$root/bin/ike4j" --help >/dev/null 2>&1 || true
  ip netns exec "$R" "$root/bin/ike4j" daemon --conf "$1/swanctl.conf" --uri "unix://$1/ike4j.sock" \
      --dataplane none --log any=0 > "$1/daemon.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do [ -S "$1/ike4j.sock" ] && return 0; sleep 0.1; done
  echo "bench: the ike4j responder did not start:" >&2; cat "$1/daemon.log" >&2; return 1
}

start_strongswan() { # DIR
  cat > "$1/strongswan.conf" <<CONF
charon-systemd {
  load = kernel-libipsec random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey curve25519 kernel-netlink socket-default vici hmac gcm aes sha2 sha1 kdf
  install_routes = yes
  filelog {
    peer {
      path = $1/charon.log
      default = ${HSBENCH_LOG:-0}
    }
  }
  journal {
    default = -1
  }
  plugins {
    vici {
      socket = unix://$1/charon.vici
    }
  }
}
CONF
  STRONGSWAN_CONF=$1/strongswan.conf ip netns exec "$R" /usr/sbin/charon-systemd > "$1/charon.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do [ -S "$1/charon.vici" ] && break; sleep 0.1; done
  for _ in $(seq 1 50); do swanctl --stats --uri "unix://$1/charon.vici" >/dev/null 2>&1 && break; sleep 0.1; done
  swanctl --load-all --uri "unix://$1/charon.vici" --file "$1/swanctl.conf" >/dev/null
}


bench() { # DIR COUNT -> one JSON line (after $warm unmeasured SAs)
  ip netns exec "$L" "$root/bin/ike4j" bench --conf "$1/swanctl.conf" --warmup "$warm" --count "$2" --concurrency "$conc" --delete \
      --port 500 --natt-port 4500 --timeout 60 --json --quiet
}

field() { # JSON KEY -> value (flat numeric fields), 0 if absent
  local v
  v=$(sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" <<< "$1")
  echo "${v:-0}"
}

run_case() { # IMPL AUTH -> JSON
  local impl=$1 auth=$2 rdir=$work/$1-$2-r ldir=$work/$1-$2-l
  write_conf "$rdir" r "$auth"
  write_conf "$ldir" l "$auth"
  if [ "$impl" = ike4j ]; then start_ike4j "$rdir"; else start_strongswan "$rdir"; fi
  local out
  out=$(bench "$ldir" "$count") || { echo "bench: $impl $auth: $out" >&2; bench_lab_stop_all; return 1; }
  bench_lab_stop_all
  echo "$out"
}

bench_make_pki ecdsa
bench_make_pki ed25519
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ike4j bench: $count IKE SAs (+1 CHILD_SA each, deleted when up) after a warm-up of $warm, concurrency $conc, IKE aes128gcm16-prfsha256-x25519"
printf '%-22s %16s %16s %7s   %15s %15s\n' "auth" "ike4j resp./s" "strongSwan /s" "ratio" "ike4j p50 ms" "strongSwan p50"
for auth in ${HSBENCH_CASES:-psk psk-mlkem768 ecdsa ed25519}; do
  a=$(run_case ike4j "$auth") || a='{}'

  if [ "$auth" = psk-mlkem768 ]; then s='{}'   # strongSwan 5.9.8 has no ML-KEM (6.1 does: see strongswan61.sh)
  else s=$(run_case strongswan "$auth") || s='{}'; fi

  ra=$(field "$a" rate_per_s); rs=$(field "$s" rate_per_s)
  pa=$(sed -n 's/.*"p50":\([0-9.]*\).*/\1/p' <<< "$a"); ps=$(sed -n 's/.*"p50":\([0-9.]*\).*/\1/p' <<< "$s")
  fa=$(( $(field "$a" failed) + $(field "$a" timed_out) )); fs=$(( $(field "$s" failed) + $(field "$s" timed_out) ))
  label=$auth; [ "$auth" = psk ] && label="psk"; [ "$auth" = ecdsa ] && label="cert ECDSA P-256"; [ "$auth" = ed25519 ] && label="cert Ed25519"; [ "$auth" = psk-mlkem768 ] && label="psk x25519+mlkem768"
  printf '%-22s %16s %16s %7s   %15s %15s%s\n' "$label" "$ra" "$rs" "$(awk -v a="$ra" -v b="$rs" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
      "$pa" "$ps" "$( [ $(( fa + fs )) -gt 0 ] && echo "   (failures: ike4j $fa, strongSwan $fs)" )"
done
