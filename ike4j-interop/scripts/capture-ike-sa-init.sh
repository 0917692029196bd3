#!/usr/bin/env bash
# Captures one IKE_SA_INIT request and response between two strongSwan charons in network namespaces and
# writes their UDP payloads as hex (one line each) into OUTDIR (default: ike4j-core test captures).
# Needs root, charon-systemd, swanctl, tcpdump, tshark. Usage: capture-ike-sa-init.sh [OUTDIR]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
out=${1:-$root/ike4j-core/src/test/resources/captures/strongswan-$(dpkg-query -W -f='${Version}' charon-systemd | cut -d- -f1)}
IKE_PROPOSALS=${IKE_PROPOSALS:-aes128gcm16-aes256gcm16-prfsha256-prfsha384-x25519-ecp256, aes256-sha256-modp2048}
ESP_PROPOSALS=${ESP_PROPOSALS:-aes128gcm16}
tag="i4jcap-$$"; L="$tag-l"; R="$tag-r"; work=$(mktemp -d /tmp/ike4j-capture.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  ip netns del "$L" 2>/dev/null || true; ip netns del "$R" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$L"; ip netns add "$R"
ip link add name eth0 netns "$L" type veth peer name eth0 netns "$R"
ip -n "$L" addr add 192.0.2.1/24 dev eth0; ip -n "$R" addr add 192.0.2.2/24 dev eth0
for n in "$L" "$R"; do ip -n "$n" link set lo up; ip -n "$n" link set eth0 up; done
ip -n "$L" addr add 10.1.0.1/32 dev lo; ip -n "$R" addr add 10.2.0.1/32 dev lo
conf() { # side local remote lid rid lts rts
  mkdir -p "$work/$1"
  cat > "$work/$1/strongswan.conf" <<CONF
charon-systemd {
  load = kernel-libipsec random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey curve25519 kernel-netlink socket-default vici updown hmac gcm aes sha2 sha1 kdf
  filelog {
    peer {
      path = $work/$1/charon.log
      default = 1
    }
  }
  journal {
    default = -1
  }
  plugins {
    vici {
      socket = unix://$work/$1/charon.vici
    }
  }
}
CONF
  cat > "$work/$1/swanctl.conf" <<CONF
connections {
  cap {
    version = 2
    local_addrs = $2
    remote_addrs = $3
    proposals = $IKE_PROPOSALS
    local {
      auth = psk
      id = $4
    }
    remote {
      auth = psk
      id = $5
    }
    children {
      net {
        local_ts = $6
        remote_ts = $7
        esp_proposals = $ESP_PROPOSALS
      }
    }
  }
}
secrets {
  ike-cap {
    id-1 = $4
    id-2 = $5
    secret = capture-psk
  }
}
CONF
}
conf l 192.0.2.1 192.0.2.2 left.ike4j.test right.ike4j.test 10.1.0.0/16 10.2.0.0/16
conf r 192.0.2.2 %any right.ike4j.test left.ike4j.test 10.2.0.0/16 10.1.0.0/16
for s in l r; do
  ns=$L; [ $s = r ] && ns=$R
  STRONGSWAN_CONF=$work/$s/strongswan.conf setsid ip netns exec "$ns" /usr/sbin/charon-systemd >"$work/$s/out" 2>&1 &
  pids+=($!)
done
for s in l r; do
  for _ in $(seq 100); do swanctl --stats --uri "unix://$work/$s/charon.vici" >/dev/null 2>&1 && break; sleep 0.1; done
  swanctl --load-all --file "$work/$s/swanctl.conf" --uri "unix://$work/$s/charon.vici" >/dev/null 2>&1
done
ip netns exec "$L" tcpdump -U -Z root -c 2 -ni eth0 -w "$work/init.pcap" udp port 500 2>/dev/null &
tcpdump_pid=$!; pids+=($tcpdump_pid)
sleep 1
swanctl --initiate --child net --uri "unix://$work/l/charon.vici" >/dev/null
wait "$tcpdump_pid" || true
mkdir -p "$out"
mapfile -t payloads < <(tshark -r "$work/init.pcap" -T fields -e udp.payload 2>/dev/null)
[ "${#payloads[@]}" -eq 2 ] || { echo "expected 2 IKE_SA_INIT packets, got ${#payloads[@]}" >&2; exit 1; }
echo "${payloads[0]}" > "$out/ike_sa_init-request.hex"
echo "${payloads[1]}" > "$out/ike_sa_init-response.hex"
tshark -r "$work/init.pcap" -V -O isakmp 2>/dev/null | sed -n '/Internet Security Association/,$p' > "$out/ike_sa_init.tshark.txt"
echo "wrote $out/ike_sa_init-request.hex ($(( ${#payloads[0]} / 2 )) bytes), ike_sa_init-response.hex ($(( ${#payloads[1]} / 2 )) bytes)"
