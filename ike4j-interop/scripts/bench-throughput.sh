#!/usr/bin/env bash
# Throughput of ike4j's user-space ESP against strongSwan's (kernel-libipsec), measured with iperf3 through an
# IPsec tunnel between two network namespaces (one veth link, 192.0.2.1 <-> 192.0.2.2, inner 10.1.0.1 <-> 10.2.0.1).
#
#   sudo ike4j-interop/scripts/bench-throughput.sh [SECONDS]      (default 10 s per run)
#
# Runs ike4j<->ike4j and strongSwan<->strongSwan, each with AES-GCM-16 (128-bit key) and ChaCha20-Poly1305, and
# prints the receiver's Mbit/s of a single TCP stream for each (after a 3 s warm-up transfer), the ike4j/strongSwan
# ratio, and both IPsec daemons' CPU time per GB carried (user+system, from /proc: less sensitive to other load).
# Like for like: strongSwan's libipsec always sends ESP in UDP, so ike4j runs with --plain-esp no (ESP in UDP too);
# the last column is ike4j with plain ESP (IP protocol 50 over raw sockets, its default on this NAT-free link).
# Needs root, iproute2, iperf3, strongSwan 5.9 with kernel-libipsec (charon-systemd, swanctl) and a JDK 25
# (bin/ike4j builds the jar if needed). IKE4J_JAVA_OPTS is passed to ike4j's JVM (e.g. a JFR recording).
# Both implementations see the same machine; run it on an otherwise idle host: other load skews the figures.
set -euo pipefail
secs=${1:-10}
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=bench-lab.sh
source "$root/ike4j-interop/scripts/bench-lab.sh"
bench_lab_require ip iperf3 swanctl /usr/sbin/charon-systemd
bench_lab_up bench

# swanctl.conf for one side: SIDE ESP_PROPOSAL
swanctl_conf() {
  local me=$1 esp=$2 la ra lid rid lts rts
  if [ "$me" = l ]; then la=192.0.2.1 ra=192.0.2.2 lid=left rid=right lts=10.1.0.0/16 rts=10.2.0.0/16
  else la=192.0.2.2 ra=192.0.2.1 lid=right rid=left lts=10.2.0.0/16 rts=10.1.0.0/16; fi
  cat <<CONF
connections {
  bench {
    version = 2
    local_addrs = $la
    remote_addrs = $ra
    proposals = aes256gcm16-prfsha256-x25519
    local {
      auth = psk
      id = "$lid.bench"
    }
    remote {
      auth = psk
      id = "$rid.bench"
    }
    children {
      net {
        mode = tunnel
        local_ts = $lts
        remote_ts = $rts
        esp_proposals = $esp
      }
    }
  }
}
secrets {
  ike-bench {
    id-1 = "$lid.bench"
    id-2 = "$rid.bench"
    secret = "bench-throughput-psk"
  }
}
CONF
}

strongswan_conf() {
  cat <<CONF
charon-systemd {
  install_routes = yes
  load = kernel-libipsec random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey curve25519 kernel-netlink socket-default vici updown hmac gcm aes sha2 sha1 kdf
  filelog {
    peer {
      path = $1/charon.log
      default = 1
      flush_line = yes
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
}

wait_for() { # FILE-TEST PATH SECONDS
  for _ in $(seq 1 $(( $3 * 10 ))); do [ "$1" "$2" ] && return 0; sleep 0.1; done
  echo "bench: $2 did not appear" >&2; return 1
}

start_ike4j() { # SIDE NS ESP PLAIN(yes|no)
  local d=$work/ike4j-$1-$3
  mkdir -p "$d"
  swanctl_conf "$1" "$3" > "$d/swanctl.conf"
  ip netns exec "$2" "$root/bin/ike4j" daemon --conf "$d/swanctl.conf" --uri "unix://$d/ike4j.sock" \
      --dataplane userspace --plain-esp "$4" --log any=1 > "$d/daemon.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do grep -q "control socket" "$d/daemon.log" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: ike4j on $1 did not start:" >&2; cat "$d/daemon.log" >&2; return 1
}

start_strongswan() { # SIDE NS ESP
  local d=$work/swan-$1-$3
  mkdir -p "$d"
  swanctl_conf "$1" "$3" > "$d/swanctl.conf"
  strongswan_conf "$d" > "$d/strongswan.conf"
  STRONGSWAN_CONF=$d/strongswan.conf ip netns exec "$2" /usr/sbin/charon-systemd > "$d/charon.out" 2>&1 &
  pids+=($!)
  wait_for -S "$d/charon.vici" 15
  for _ in $(seq 1 50); do swanctl --stats --uri "unix://$d/charon.vici" >/dev/null 2>&1 && break; sleep 0.1; done
  swanctl --load-all --uri "unix://$d/charon.vici" --file "$d/swanctl.conf" >/dev/null 2>&1
}


cpu_ticks() { # user+system clock ticks of the IPsec daemons
  local sum=0 p
  for p in "${pids[@]}"; do sum=$(( sum + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo "$sum"
}

warm_up() { # a short transfer first: ike4j's hot paths get compiled (JIT) before the measured run, charon's caches warm
  ip netns exec "$R" iperf3 -s -B 10.2.0.1 -1 >/dev/null 2>&1 &
  local srv=$!
  sleep 0.5
  ip netns exec "$L" iperf3 -c 10.2.0.1 -B 10.1.0.1 -t 3 >/dev/null 2>&1 || true
  wait $srv 2>/dev/null || true
}

iperf() { # prints "Mbit/s CPU-seconds-per-GB" (receiver's rate; both daemons' CPU time per GB carried)
  ip netns exec "$R" iperf3 -s -B 10.2.0.1 -1 >/dev/null 2>&1 &
  local srv=$!
  sleep 0.5
  local out t0 t1
  t0=$(cpu_ticks)
  out=$(ip netns exec "$L" iperf3 -c 10.2.0.1 -B 10.1.0.1 -t "$secs" -f m 2>&1) || { echo "$out" >&2; kill $srv 2>/dev/null; return 1; }
  t1=$(cpu_ticks)
  wait $srv 2>/dev/null || true
  echo "$out" | awk -v ticks=$(( t1 - t0 )) -v hz="$(getconf CLK_TCK)" '/receiver/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "MBytes") mb = $(i-1)
      if ($i == "Mbits/sec") rate = $(i-1)
    }
    printf "%s %.1f\n", rate, (ticks / hz) / (mb / 1024)
  }'
}

run() { # IMPL ESP -> Mbit/s   (IMPL: ike4j = ESP in UDP, ike4j-plain = plain ESP, strongswan)
  local impl=$1 esp=$2
  if [ "$impl" != strongswan ]; then
    local plain=no
    [ "$impl" = ike4j-plain ] && plain=yes
    start_ike4j r "$R" "$esp" $plain; start_ike4j l "$L" "$esp" $plain
    "$root/bin/ike4j" initiate --child net --uri "unix://$work/ike4j-l-$esp/ike4j.sock" >/dev/null || {
      tail -n 20 "$work"/ike4j-*-"$esp"/daemon.log >&2; bench_lab_stop_all; return 1; }
  else
    start_strongswan r "$R" "$esp"; start_strongswan l "$L" "$esp"
    swanctl --initiate --child net --uri "unix://$work/swan-l-$esp/charon.vici" >/dev/null
  fi
  ip netns exec "$L" ping -q -c 2 -W 2 -I 10.1.0.1 10.2.0.1 >/dev/null || { echo "bench: $impl $esp: no tunnel" >&2; bench_lab_stop_all; return 1; }
  warm_up
  local m
  m=$(iperf)
  bench_lab_stop_all
  echo "$m"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(CPU s/GB: user+system time of both IPsec daemons per GB carried: lower is better, less sensitive to other load)"
printf '%-18s %14s %14s %7s   %16s %16s   %18s\n' "ESP" "ike4j (UDP)" "strongSwan" "ratio" "ike4j CPU s/GB" \
    "strongSwan CPU s/GB" "ike4j plain ESP"
for esp in aes128gcm16 chacha20poly1305; do
  read -r a ac < <(run ike4j "$esp")
  read -r b bc < <(run strongswan "$esp")
  read -r p pc < <(run ike4j-plain "$esp")
  printf '%-18s %9s Mb/s %9s Mb/s %7s   %16s %16s   %13s Mb/s\n' "$esp" "$a" "$b" \
      "$(awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')" "$ac" "$bc" "$p"
done
