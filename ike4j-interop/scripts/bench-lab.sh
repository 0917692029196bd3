# Sourced by the benchmark scripts: two network namespaces on one veth link (LEFT 192.0.2.1, RIGHT 192.0.2.2, inner
# addresses 10.1.0.1 / 10.2.0.1 on lo, which strongSwan's kernel-libipsec routes from), daemons tracked in `pids`,
# everything removed on exit. Set `root` before sourcing; call `bench_lab_require TOOL...` then `bench_lab_up PREFIX`.
# Keeps the work directory when BENCH_KEEP is set.

bench_lab_require() { # TOOL... : each must be on PATH; root is required
  local c
  for c in "$@"; do command -v "$c" >/dev/null || { echo "bench: $c is missing" >&2; exit 2; }; done
  [ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 2; }
  "$root/bin/ike4j" --help >/dev/null 2>&1 || true   # builds the jar first if it is stale
}

bench_lab_cleanup() {
  local n p
  for n in "$L" "$R"; do pids+=($(ip netns pids "$n" 2>/dev/null)); done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  ip netns del "$L" 2>/dev/null || true
  ip netns del "$R" 2>/dev/null || true
  if [ -n "${BENCH_KEEP:-}" ]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
}

bench_lab_up() { # PREFIX: sets L, R, work, pids; the lab goes away when the script exits
  L=$1$$-l
  R=$1$$-r
  work=$(mktemp -d "/tmp/ike4j-$1.XXXXXX")
  pids=()
  trap bench_lab_cleanup EXIT
  local n
  for n in "$L" "$R"; do ip netns add "$n"; ip -n "$n" link set lo up; done
  ip link add name eth0 netns "$L" type veth peer name eth0 netns "$R"
  ip -n "$L" addr add 192.0.2.1/24 dev eth0
  ip -n "$R" addr add 192.0.2.2/24 dev eth0
  ip -n "$L" link set eth0 up
  ip -n "$R" link set eth0 up
  ip -n "$L" addr add 10.1.0.1/32 dev lo
  ip -n "$R" addr add 10.2.0.1/32 dev lo
}

bench_lab_stop_all() { # stops the daemons started so far and removes what they left (their TUN devices and routes)
  local p n
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null || true; done
  pids=()
  for n in "$L" "$R"; do ip -n "$n" link del ipsec0 2>/dev/null || true; done
}

# ---- what the benchmark scripts (bench-handshakes.sh, scripts/bench-providers.sh) configure alike; need `root`, `work`

bench_make_pki() { # TYPE(ecdsa|ed25519) -> $work/pki-TYPE/{ca,left,right}.{pem,key}: a CA and two leaves by `ike4j pki`
  local t=$1 d=$work/pki-$1 gen side
  mkdir -p "$d"
  if [ "$t" = ecdsa ]; then gen=(--gen --type ecdsa --size 256 --outform pem); else gen=(--gen --type ed25519 --outform pem); fi
  "$root/bin/ike4j" pki "${gen[@]}" > "$d/ca.key"
  "$root/bin/ike4j" pki --self --ca --in "$d/ca.key" --dn "C=CH, O=ike4j bench, CN=$t bench CA" --outform pem > "$d/ca.pem"
  for side in left right; do
    "$root/bin/ike4j" pki "${gen[@]}" > "$d/$side.key"
    "$root/bin/ike4j" pki --issue --cacert "$d/ca.pem" --cakey "$d/ca.key" --in "$d/$side.key" \
        --dn "C=CH, O=ike4j bench, CN=$side.bench" --san "$side.bench" --outform pem > "$d/$side.pem"
  done
}

# DIR SIDE(l = bench initiator, r = responder) AUTH(psk...|ecdsa|ed25519) PROPOSALS ADDRS: swanctl.conf in DIR for
# connection `bench` (one CHILD_SA `net`, 10.1.0.0/16 on the left, 10.2.0.0/16 on the right, unique = never) with
# ADDRS as its address lines; for certificates, DIR's x509/, x509ca/ and private/ from $work/pki-AUTH (bench_make_pki).
bench_write_conf() {
  local dir=$1 side=$2 auth=$3 proposals=$4 addrs=$5 me peer lts rts lauth rauth
  mkdir -p "$dir"
  if [ "$side" = l ]; then me=left peer=right lts=10.1.0.0/16 rts=10.2.0.0/16
  else me=right peer=left lts=10.2.0.0/16 rts=10.1.0.0/16; fi
  case $auth in
    psk*)
      lauth="auth = psk
      id = $me.bench"
      rauth="auth = psk
      id = $peer.bench" ;;
    *)
      mkdir -p "$dir/x509" "$dir/x509ca" "$dir/private"
      cp "$work/pki-$auth/ca.pem" "$dir/x509ca/ca.pem"
      cp "$work/pki-$auth/$me.pem" "$dir/x509/$me.pem"
      cp "$work/pki-$auth/$me.key" "$dir/private/$me.key"
      lauth="auth = pubkey
      certs = $me.pem
      id = $me.bench"
      rauth="auth = pubkey
      id = $peer.bench" ;;
  esac
  cat > "$dir/swanctl.conf" <<CONF
connections {
  bench {
    version = 2
    $addrs
    unique = never
    proposals = $proposals
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
    secret = "handshake-bench-psk"
  }
}
CONF
}
