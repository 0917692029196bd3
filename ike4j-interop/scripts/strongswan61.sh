#!/usr/bin/env bash
# strongswan61.sh [DIR]: makes sure DIR holds a Debian testing ("forky") root with strongSwan 6.1 (IKE_INTERMEDIATE,
# RFC 9370, ML-KEM), unpacked with debootstrap; prints DIR. Builds it once (about 30 s, 250 MB, needs a Debian
# mirror); when DIR is already complete it only checks a marker file and returns at once.
# DIR defaults to $IKE4J_STRONGSWAN61 or /var/cache/ike4j/strongswan61 (where the interop tests look for it).
# Needs root. Recipe: /work/shared/interop/STRONGSWAN.md ("strongSwan 6.1 ...").
set -euo pipefail
dir=${1:-${IKE4J_STRONGSWAN61:-/var/cache/ike4j/strongswan61}}
marker=.ike4j-strongswan61

log() { printf '[strongswan61] %s\n' "$*" >&2; }
ready() { [ -f "$dir/$marker" ] && [ -x "$dir/usr/sbin/charon-systemd" ] && [ -x "$dir/usr/sbin/swanctl" ]; }

if ready; then echo "$dir"; exit 0; fi
[ "$(id -u)" -eq 0 ] || { log "must run as root (debootstrap)"; exit 1; }

mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9                      # a parallel run builds it; wait for it
if ready; then echo "$dir"; exit 0; fi

if ! command -v debootstrap >/dev/null 2>&1; then
  log "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null 2>&1 || {
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null; }
fi

# the Debian mirror apt already uses (deb822 "URIs:" or one-line "deb URL suite")
mirror=${IKE4J_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | sed -n -e 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\)\/\?[[:space:]]*$/\1/p' \
             -e 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\/debian\)\/\?[[:space:]].*/\2/p' | head -n1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
fi
script=/usr/share/debootstrap/scripts/sid   # the testing suite's script is sid's

tmp="$dir.partial"
unmount_under() { # debootstrap mounts proc/sys in the target; never rm -rf across a mount
  awk -v p="$1/" 'index($2, p) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
}
unmount_under "$tmp"
rm -rf "$tmp"
log "debootstrap forky from $mirror into $dir (once)"
debootstrap --variant=minbase \
  --include=charon-systemd,strongswan-swanctl,libcharon-extra-plugins,libstrongswan-extra-plugins,libstrongswan-standard-plugins,iproute2 \
  forky "$tmp" "$mirror" "$script" >"$tmp.log" 2>&1 || { unmount_under "$tmp"; log "debootstrap failed, see $tmp.log"; tail -n 20 "$tmp.log" >&2; exit 1; }

version=$(chroot "$tmp" dpkg-query -W -f='${Version}' charon-systemd)
case "$version" in
  6.*) ;;
  *) log "forky has charon-systemd $version, not 6.x"; exit 1 ;;
esac
unmount_under "$tmp"
mkdir -p "$tmp/lab"                         # where a test's peer directory is bind-mounted
rm -rf "$tmp/var/cache/apt/archives/"*.deb "$tmp.log"
echo "$version" > "$tmp/$marker"
unmount_under "$dir"
rm -rf "$dir"
mv "$tmp" "$dir"
log "strongSwan $version ready in $dir"
echo "$dir"
