#!/bin/bash
# Regenerates the XFRM netlink fixtures in this directory: for each entry below, runs the iproute2 command
# under strace in a throwaway network namespace and stores the bytes of the first netlink message that
# iproute2 sends (the kernel's answer does not matter: a refused "state add" is still sent in full).
#
# Usage (root, iproute2 + strace installed):  ./capture.sh [fixture-name ...]
# The Java tests (io.ike4j.platform.xfrm.XfrmFixtureTest) mask nlmsg_seq and nlmsg_pid, then compare
# the rest byte for byte with the encoder's output for the same parameters.
set -euo pipefail
cd "$(dirname "$0")"

# Deterministic test keys (not secrets).
K16=000102030405060708090a0b0c0d0e0f
K20=${K16}10111213
K32=${K16}101112131415161718191a1b1c1d1e1f
K36=${K32}20212223
K48=${K32}202122232425262728292a2b2c2d2e2f
K64=${K48}303132333435363738393a3b3c3d3e3f
SA="src 192.0.2.1 dst 192.0.2.2 proto esp spi 0xc0ffee01 reqid 7 mode tunnel"
GCM="aead rfc4106(gcm(aes)) 0x$K20 128"

declare -A FIX=(
  [sa-aes-gcm16]="xfrm state add $SA replay-window 32 $GCM"
  [sa-chacha20-poly1305]="xfrm state add $SA replay-window 32 aead rfc7539esp(chacha20,poly1305) 0x$K36 128"
  [sa-aes-cbc-sha256]="xfrm state add $SA replay-window 32 enc cbc(aes) 0x$K16 auth-trunc hmac(sha256) 0x$K32 128"
  [sa-aes-cbc-sha1]="xfrm state add $SA enc cbc(aes) 0x$K32 auth-trunc hmac(sha1) 0x$K20 96"
  [sa-aes-cbc-sha384]="xfrm state add $SA enc cbc(aes) 0x$K32 auth-trunc hmac(sha384) 0x$K48 192"
  [sa-aes-cbc-sha512]="xfrm state add $SA enc cbc(aes) 0x$K32 auth-trunc hmac(sha512) 0x$K64 256"
  [sa-udp-encap]="xfrm state add $SA replay-window 32 $GCM encap espinudp 4500 4501 0.0.0.0"
  [sa-esn]="xfrm state add $SA flag esn replay-window 128 $GCM"
  [sa-mark-ifid]="xfrm state add $SA $GCM mark 0x10 mask 0xff if_id 5"
  [sa-lifetimes]="xfrm state add $SA $GCM limit time-soft 3000 limit time-hard 3600 limit byte-soft 1000000 limit byte-hard 2000000 limit packet-soft 1000 limit packet-hard 2000"
  [sa-update]="xfrm state update $SA $GCM"
  [sa-ipv6-transport]="xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x1234 reqid 9 mode transport $GCM sel src 2001:db8::1 dst 2001:db8::2"
  [sa-delete]="xfrm state delete src 192.0.2.1 dst 192.0.2.2 proto esp spi 0xc0ffee01"
  [sa-get]="xfrm state get src 192.0.2.1 dst 192.0.2.2 proto esp spi 0xc0ffee01"
  [sa-allocspi]="xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto esp reqid 7 mode tunnel min 0x1000 max 0x2000"
  [policy-out]="xfrm policy add src 10.1.0.0/16 dst 10.2.0.0/16 dir out priority 1000 tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid 7 mode tunnel"
  [policy-in]="xfrm policy add src 10.2.0.0/16 dst 10.1.0.0/16 dir in priority 1000 tmpl src 192.0.2.2 dst 192.0.2.1 proto esp reqid 7 mode tunnel"
  [policy-fwd]="xfrm policy add src 10.2.0.0/16 dst 10.1.0.0/16 dir fwd priority 1000 tmpl src 192.0.2.2 dst 192.0.2.1 proto esp reqid 7 mode tunnel level use"
  [policy-out-ports-mark]="xfrm policy add src 10.1.0.0/16 dst 10.2.0.5/32 proto tcp dport 443 dir out priority 2000 mark 0x10 mask 0xff if_id 5 tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid 7 mode tunnel"
  [policy-delete]="xfrm policy delete src 10.1.0.0/16 dst 10.2.0.0/16 dir out"
)

names=("$@")
[ ${#names[@]} -eq 0 ] && names=("${!FIX[@]}")
ns="i4j-xfrm-capture-$$"
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
version=$(ip -V)
for name in "${names[@]}"; do
  cmd=${FIX[$name]}
  # shellcheck disable=SC2086 # word splitting of the fixture's arguments is intended
  out=$(strace -f -e trace=sendmsg,sendto -e write=all -xx -s 65535 ip -n "$ns" $cmd 2>&1 || true)
  hex=$(printf '%s\n' "$out" | awk '
    /sendmsg\(|sendto\(/ { if (seen) exit; seen = 1; next }
    seen && /^ [|] [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / { print substr($0, 11, 49); got = 1; next }
    got { exit }' | tr -d ' \n' | fold -w 32)
  {
    echo "# ip -n NS $cmd"
    echo "# captured from $version with: strace -f -e trace=sendmsg,sendto -e write=all -xx -s 65535"
    echo "# regenerate: sudo ./capture.sh $name    (nlmsg_seq and nlmsg_pid are masked by the tests)"
    printf '%s\n' "$hex"
  } > "$name.hex"
  echo "$name: $(printf '%s' "$hex" | tr -d '\n' | wc -c | awk '{print $1/2}') bytes"
done
