#!/usr/bin/env bash
# Soak test of rekeying (issue 6): an ike4j <-> strongSwan tunnel between two network namespaces (one veth link,
# 192.0.2.1 <-> 192.0.2.2, inner 10.1.0.1 <-> 10.2.0.1) whose CHILD_SA and IKE SA are rekeyed every few seconds by
# both sides (equal lifetimes, so collisions happen too), with a ping through it all along.
#
#   sudo ike4j-interop/scripts/soak-rekey.sh [--minutes N] [--child-rekey S] [--ike-rekey S] [--keep]
#
# Defaults: 60 minutes, CHILD_SA rekey_time 5 s, IKE SA rekey_time 13 s (rand_time 2 s and 4 s on both sides).
# ike4j (user-space ESP over TUN) is LEFT and initiates; strongSwan 5.9 (kernel-libipsec) is RIGHT.
# At the end it prints the pings sent and lost, the rekeys each side made, the collisions ike4j resolved, and the
# SAs each side still holds (IKE SAs, CHILD_SAs, ike4j's installed ESP SA pairs); success means 0 pings lost and one
# IKE SA with one CHILD_SA on each side (exit 0), anything else exits 1. --keep keeps the work directory (logs).
# Needs root, iproute2, ping, strongSwan 5.9 (charon-systemd, swanctl, kernel-libipsec) and a JDK 25.
set -euo pipefail
minutes=60 child=5 ike=13 keep=
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) minutes=$2; shift 2 ;;
    --child-rekey) child=$2; shift 2 ;;
    --ike-rekey) ike=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--minutes N] [--child-rekey S] [--ike-rekey S] [--keep]" >&2; exit 2 ;;
  esac
done
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
for c in ip ping swanctl /usr/sbin/charon-systemd; do
  command -v "$c" >/dev/null || { echo "soak: $c is missing" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "soak: needs root" >&2; exit 2; }
"$root/bin/ike4j" --help >/dev/null 2>&1 || true   # builds the jar first if it is stale

id=s$$
work=$(mktemp -d /tmp/ike4j-soak.XXXXXX)
L=$id-l
R=$id-r
pids=()
cleanup() {
  for n in "$L" "$R"; do pids+=($(ip netns pids "$n" 2>/dev/null)); done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  ip netns del "$L" 2>/dev/null || true
  ip netns del "$R" 2>/dev/null || true
  if [ -n "$keep" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

for n in "$L" "$R"; do ip netns add "$n"; ip -n "$n" link set lo up; done
ip link add name eth0 netns "$L" type veth peer name eth0 netns "$R"
ip -n "$L" addr add 192.0.2.1/24 dev eth0
ip -n "$R" addr add 192.0.2.2/24 dev eth0
ip -n "$L" link set eth0 up
ip -n "$R" link set eth0 up
ip -n "$L" addr add 10.1.0.1/32 dev lo
ip -n "$R" addr add 10.2.0.1/32 dev lo

swanctl_conf() { # SIDE
  local me=$1 la ra lid rid lts rts
  if [ "$me" = l ]; then la=192.0.2.1 ra=192.0.2.2 lid=left rid=right lts=10.1.0.0/16 rts=10.2.0.0/16
  else la=192.0.2.2 ra=192.0.2.1 lid=right rid=left lts=10.2.0.0/16 rts=10.1.0.0/16; fi
  cat <<CONF
connections {
  soak {
    version = 2
    local_addrs = $la
    remote_addrs = $ra
    proposals = aes256gcm16-prfsha256-x25519
    rekey_time = ${ike}s
    rand_time = 4s
    over_time = 60s
    local {
      auth = psk
      id = "$lid.soak"
    }
    remote {
      auth = psk
      id = "$rid.soak"
    }
    children {
      net {
        mode = tunnel
        local_ts = $lts
        remote_ts = $rts
        esp_proposals = aes128gcm16
        rekey_time = ${child}s
        rand_time = 2s
        life_time = 60s
      }
    }
  }
}
secrets {
  ike-soak {
    id-1 = "$lid.soak"
    id-2 = "$rid.soak"
    secret = "soak-rekey-psk"
  }
}
CONF
}

d=$work/ike4j
s=$work/swan
mkdir -p "$d" "$s"
swanctl_conf l > "$d/swanctl.conf"
swanctl_conf r > "$s/swanctl.conf"
cat > "$s/strongswan.conf" <<CONF
charon-systemd {
  install_routes = yes
  load = kernel-libipsec random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey curve25519 kernel-netlink socket-default vici updown hmac gcm aes sha2 sha1 kdf
  filelog {
    peer {
      path = $s/charon.log
      default = 1
      flush_line = yes
    }
  }
  journal {
    default = -1
  }
  plugins {
    vici {
      socket = unix://$s/charon.vici
    }
  }
}
CONF
STRONGSWAN_CONF=$s/strongswan.conf ip netns exec "$R" /usr/sbin/charon-systemd > "$s/charon.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do [ -S "$s/charon.vici" ] && swanctl --stats --uri "unix://$s/charon.vici" >/dev/null 2>&1 && break; sleep 0.1; done
swanctl --load-all --uri "unix://$s/charon.vici" --file "$s/swanctl.conf" >/dev/null 2>&1
ip netns exec "$L" "$root/bin/ike4j" daemon --conf "$d/swanctl.conf" --uri "unix://$d/ike4j.sock" \
    --dataplane userspace --log any=1,ike=2,chd=2 > "$d/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do grep -q "control socket" "$d/daemon.log" 2>/dev/null && break; sleep 0.1; done
ike4j() { "$root/bin/ike4j" "$@" --uri "unix://$d/ike4j.sock"; }
ike4j initiate --child net >/dev/null || { echo "soak: tunnel did not come up" >&2; tail -n 30 "$d/daemon.log" >&2; exit 1; }
ip netns exec "$L" ping -q -c 2 -W 2 -I 10.1.0.1 10.2.0.1 >/dev/null || { echo "soak: no traffic through the tunnel" >&2; exit 1; }

count=$(( minutes * 60 * 5 ))   # one ping every 0.2 s
echo "soak: $minutes min, CHILD_SA rekey every ${child}s, IKE SA every ${ike}s (both sides), $count pings; work dir $work"
ip netns exec "$L" ping -q -c "$count" -i 0.2 -W 2 -I 10.1.0.1 10.2.0.1 > "$work/ping.txt" 2>&1 || true

# let rekeys in flight finish, then wait (up to 30 s) for a moment with one IKE SA and one CHILD_SA on each side
sas() { # "ike4j-IKE ike4j-CHILD swan-IKE swan-CHILD"
  local j w
  j=$(ike4j list-sas --json 2>/dev/null || echo '[]')
  w=$(swanctl --list-sas --uri "unix://$s/charon.vici" 2>/dev/null || true)
  echo "$(echo "$j" | grep -o '"initiator-spi"' | wc -l) $(echo "$j" | grep -o '"spi-in"' | wc -l) \
$(echo "$w" | grep -c ': #[0-9]*, ESTABLISHED' || true) $(echo "$w" | grep -c 'INSTALLED, TUNNEL' || true)"
}
final=
for _ in $(seq 1 60); do
  final=$(sas)
  read -r ik ic sk sc <<< "$final"
  [ "$ik" = 1 ] && [ "$ic" = 1 ] && [ "$sk" = 1 ] && [ "$sc" = 1 ] && break
  sleep 0.5
done
read -r ik ike4j_children sk sc <<< "$final"
sent=$(grep -o '[0-9]* packets transmitted' "$work/ping.txt" | cut -d' ' -f1)
recv=$(grep -o '[0-9]* received' "$work/ping.txt" | cut -d' ' -f1)
lost=$(( ${sent:-0} - ${recv:-0} ))
echo "pings:            sent ${sent:-0}, received ${recv:-0}, lost $lost"
echo "CHILD_SA rekeys:  ike4j initiated $(grep -c 'rekeying CHILD_SA' "$d/daemon.log" || true), strongSwan initiated $(grep -c 'generating CREATE_CHILD_SA request [0-9]* \[ N(REKEY_SA)' "$s/charon.log" || true)"
echo "IKE SA rekeys:    ike4j initiated $(grep -c 'rekeying IKE_SA' "$d/daemon.log" || true), strongSwan initiated $(grep -c 'generating CREATE_CHILD_SA request [0-9]* \[ SA No KE \]' "$s/charon.log" || true)"
echo "collisions:       ike4j resolved $(grep -c 'rekey collision detected' "$d/daemon.log" || true) (CHILD_SA lost $(grep -c 'CHILD_SA rekey collision lost' "$d/daemon.log" || true), IKE SA lost $(grep -c 'IKE_SA rekey collision lost' "$d/daemon.log" || true))"
echo "SAs at the end:   ike4j $ik IKE SA(s), $ike4j_children CHILD_SA(s) (= its ESP SA pairs); strongSwan $sk IKE SA(s), $sc CHILD_SA(s) INSTALLED"
echo "ike4j exceptions: $(grep -c 'Exception' "$d/daemon.log" || true)"
if [ "$lost" = 0 ] && [ "${sent:-0}" -gt 0 ] && [ "$ik" = 1 ] && [ "$ike4j_children" = 1 ] && [ "$sk" = 1 ] && [ "$sc" = 1 ]; then
  echo "soak: PASS"
else
  echo "soak: FAIL"; keep=1; exit 1
fi
