#!/bin/bash
# Regenerates the strongSwan 5.9.8 IKEv1 capture fixtures (needs root, network namespaces, strongSwan 5.9.8,
# tcpdump). Two charon-systemd instances (initiator "left" 192.0.2.1, responder "right" 192.0.2.2) run Main Mode
# PSK + Quick Mode (with PFS) and then an Informational Delete; the datagrams are captured with tcpdump and the
# keying material is taken from charon's level-4 log. Usage: capture.sh NAME IKE_PROPOSAL ESP_PROPOSAL
# e.g. capture.sh mm-aes256-sha1-modp2048 aes256-sha1-modp2048 aes128-sha1-modp2048
set -euo pipefail
NAME=$1; IKE=$2; ESP=$3
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/$NAME
TAG=ik1c$$
WORK=$(mktemp -d /tmp/$TAG.XXXX)
L=${TAG}l; R=${TAG}r
PSK=ike4j-capture-psk-0123456789
cleanup() {
  for s in left right; do [ -f "$WORK/$s/pid" ] && kill "$(cat "$WORK/$s/pid")" 2>/dev/null || true; done
  [ -f "$WORK/tcpdump.pid" ] && kill "$(cat "$WORK/tcpdump.pid")" 2>/dev/null || true
  sleep 0.5
  ip netns del "$L" 2>/dev/null || true; ip netns del "$R" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ip netns add "$L"; ip netns add "$R"
ip -n "$L" link set lo up; ip -n "$R" link set lo up
ip link add "${TAG}a" type veth peer name "${TAG}b"
ip link set "${TAG}a" netns "$L"; ip link set "${TAG}b" netns "$R"
ip -n "$L" addr add 192.0.2.1/24 dev "${TAG}a"; ip -n "$R" addr add 192.0.2.2/24 dev "${TAG}b"
ip -n "$L" link set "${TAG}a" up; ip -n "$R" link set "${TAG}b" up
ip -n "$L" addr add 10.1.0.1/32 dev lo; ip -n "$R" addr add 10.2.0.1/32 dev lo

for s in left right; do
  mkdir -p "$WORK/$s"
  if [ $s = left ]; then me=192.0.2.1; peer=192.0.2.2; lts=10.1.0.0/16; rts=10.2.0.0/16;
  else me=192.0.2.2; peer=192.0.2.1; lts=10.2.0.0/16; rts=10.1.0.0/16; fi
  cat > "$WORK/$s/strongswan.conf" <<CONF
charon-systemd {
  install_routes = yes
  load = kernel-libipsec random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey curve25519 kernel-netlink socket-default vici updown hmac gcm aes des sha2 sha1 md5 kdf
  filelog {
    peer {
      path = $WORK/$s/charon.log
      default = 4
      flush_line = yes
    }
  }
  journal {
    default = -1
  }
  plugins {
    vici {
      socket = unix://$WORK/$s/charon.vici
    }
  }
}
CONF
  cat > "$WORK/$s/swanctl.conf" <<CONF
connections {
  c {
    version = 1
    local_addrs = $me
    remote_addrs = $peer
    proposals = $IKE
    local {
      auth = psk
      id = $me
    }
    remote {
      auth = psk
      id = $peer
    }
    children {
      net {
        local_ts = $lts
        remote_ts = $rts
        esp_proposals = $ESP
      }
    }
  }
}
secrets {
  ike-1 {
    secret = $PSK
  }
}
CONF
done

ip netns exec "$L" tcpdump -i "${TAG}a" -w "$WORK/capture.pcap" -U udp port 500 or udp port 4500 2>/dev/null &
echo $! > "$WORK/tcpdump.pid"
for s in left right; do
  ns=$L; [ $s = right ] && ns=$R
  STRONGSWAN_CONF=$WORK/$s/strongswan.conf setsid ip netns exec "$ns" /usr/sbin/charon-systemd &
  echo $! > "$WORK/$s/pid"
done
for s in left right; do
  for i in $(seq 50); do [ -S "$WORK/$s/charon.vici" ] && break; sleep 0.1; done
  swanctl --load-all --uri "unix://$WORK/$s/charon.vici" --file "$WORK/$s/swanctl.conf" >/dev/null
done
swanctl --initiate --child net --uri "unix://$WORK/left/charon.vici" > "$WORK/initiate.txt"
sleep 1
swanctl --terminate --ike c --uri "unix://$WORK/left/charon.vici" >/dev/null || true
sleep 1
kill "$(cat "$WORK/tcpdump.pid")"; rm "$WORK/tcpdump.pid"; sleep 0.5

# Fixtures: one hex line per datagram (the non-ESP marker of port 4500 removed), direction and ports first.
rm -rf "$OUT"; mkdir -p "$OUT"
tshark -r "$WORK/capture.pcap" -T fields -e ip.src -e udp.srcport -e udp.dstport -e udp.payload \
  | awk '{ p=$4; if ($2=="4500" || $3=="4500") p=substr(p,9); d=($1=="192.0.2.1")?"I":"R"; print d, $2, $3, p }' \
  > "$OUT/messages.txt"
# Secrets as logged by charon at level 4 ("name => N bytes @ addr" followed by hex dump lines), from both sides.
for s in left right; do
  python3 - "$WORK/$s/charon.log" > "$OUT/secrets-$s.txt" <<'PY'
import re, sys
# Only the key schedule values, IVs, hashes and plaintexts are kept (not strongSwan's other dumps).
keep = re.compile(r'^(shared Diffie Hellman secret|SKEYID(_[dae])?|encryption key Ka|initial IV|next IV for MID \d+'
                  r'|HASH_I|HASH_R|Hash\(\d\)|Hash|DH secret|(initiator|responder) SA seed'
                  r'|(encryption|integrity) (initiator|responder) key|plain|IV|padding)$')
lines = open(sys.argv[1], encoding='utf-8', errors='replace').read().splitlines()
i = 0
while i < len(lines):
    m = re.search(r'\] (.*?) => (\d+) bytes @', lines[i])
    if not m:
        i += 1
        continue
    name, n = m.group(1).strip(), int(m.group(2))
    data = []
    j = i + 1
    while j < len(lines) and len(data) < n and re.search(r'\]\s+\d+: ', lines[j]):
        data += re.findall(r'[0-9A-F]{2}', lines[j].split(': ', 1)[1][:48])
        j += 1
    if keep.match(name):
        print(name + '\t' + ''.join(data[:n]).lower())
    i = j
PY
done
cp "$WORK/initiate.txt" "$OUT/initiate.txt"
printf 'ike=%s\nesp=%s\npsk=%s\n' "$IKE" "$ESP" "$PSK" > "$OUT/params.txt"
echo "fixtures in $OUT"
