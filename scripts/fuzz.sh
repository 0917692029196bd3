#!/usr/bin/env bash
# Bounded coverage-guided fuzzing of ike4j's parsers and engine with Jazzer (docs/FUZZING.md).
#   scripts/fuzz.sh [--seconds N] [--jobs J] [target...]
# A target is a class (IkeMessageCodecFuzz) or class#method (EngineFuzz#established); default: all.
# Each target runs in its own JVM with JAZZER_FUZZ=1 for N seconds (default 15). Findings (crash-*/timeout-* files)
# are kept under <module>/target/fuzz/ and their paths printed; the script exits 1 if any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh

SECONDS_PER_TARGET=15
JOBS=2
SELECTED=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_TARGET="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) SELECTED+=("$1"); shift ;;
  esac
done

# module  class  method
ALL=(
  "ike4j-core io.ike4j.core.codec.fuzz.IkeMessageCodecFuzz decode"
  "ike4j-core io.ike4j.core.engine.fuzz.EngineFuzz fresh"
  "ike4j-core io.ike4j.core.engine.fuzz.EngineFuzz halfOpen"
  "ike4j-core io.ike4j.core.engine.fuzz.EngineFuzz established"
  "ike4j-core io.ike4j.core.codec.v1.fuzz.IsakmpCodecFuzz decode"
  "ike4j-core io.ike4j.core.codec.v1.fuzz.IsakmpCodecFuzz decodeFragment"
  "ike4j-core io.ike4j.core.engine.Ikev1EngineFuzz fresh"
  "ike4j-core io.ike4j.core.engine.Ikev1EngineFuzz mainMode"
  "ike4j-core io.ike4j.core.engine.Ikev1EngineFuzz established"
  "ike4j-core io.ike4j.core.engine.Ikev1EngineFuzz fragments"
  "ike4j-core io.ike4j.core.auth.eap.fuzz.EapMessageFuzz decode"
  "ike4j-core io.ike4j.core.auth.signature.fuzz.AuthDataCodecFuzz decode"
  "ike4j-core io.ike4j.core.auth.der.fuzz.DerReaderFuzz read"
  "ike4j-core io.ike4j.core.auth.keys.fuzz.KeyParserFuzz parse"
  "ike4j-core io.ike4j.core.auth.cert.fuzz.CertificatesFuzz parse"
  "ike4j-core io.ike4j.core.proposal.fuzz.ProposalParserFuzz parse"
  "ike4j-core io.ike4j.core.policy.fuzz.TrafficSelectorParserFuzz parse"
  "ike4j-platform io.ike4j.platform.esp.fuzz.EspSaTableFuzz decapsulate"
  "ike4j-platform io.ike4j.platform.xfrm.fuzz.XfrmDecoderFuzz decode"
  "ike4j-platform io.ike4j.platform.radius.fuzz.RadiusPacketFuzz decode"
  "ike4j-daemon io.ike4j.daemon.config.fuzz.SwanctlConfigLoaderFuzz loadString"
  "ike4j-daemon io.ike4j.daemon.config.fuzz.SwanctlConfigLoaderFuzz parseSettings"
  "ike4j-daemon io.ike4j.daemon.control.json.fuzz.JsonReaderFuzz read"
  "ike4j-daemon io.ike4j.daemon.control.fuzz.ControlServerFuzz request"
)

TARGETS=()
for t in "${ALL[@]}"; do
  read -r mod cls meth <<<"$t"
  short="${cls##*.}"
  if [ ${#SELECTED[@]} -eq 0 ]; then TARGETS+=("$t"); continue; fi
  for s in "${SELECTED[@]}"; do
    if [ "$s" = "$short" ] || [ "$s" = "$short#$meth" ] || [ "$s" = "$cls" ] || [ "$s" = "$cls#$meth" ]; then TARGETS+=("$t"); fi
  done
done
[ ${#TARGETS[@]} -gt 0 ] || { echo "fuzz.sh: no target matches: ${SELECTED[*]}" >&2; exit 2; }

echo "fuzz.sh: compiling"
mvn -q -B test-compile -pl ike4j-core,ike4j-platform,ike4j-daemon

LOGS=target/fuzz-logs
mkdir -p "$LOGS"
run_one() { # module class method -> writes $LOGS/<class>#<method>.{log,rc}
  local mod="$1" cls="$2" meth="$3" name="${cls##*.}#$3"
  local base="$PWD/$mod/target/fuzz"
  mkdir -p "$base"
  local rc=0
  # surefire:test on the already compiled module; -am so sibling modules resolve from the reactor, not ~/.m2
  JAZZER_FUZZ=1 mvn -q -B -o -pl "$mod" -am surefire:test -Dtest="$cls#$meth" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.hooks=true -Djazzer.instrument='io.ike4j.**' -Djazzer.max_duration="${SECONDS_PER_TARGET}s" \
    -Djazzer.internal.basedir="$base" -Djazzer.keep_going=1 >"$LOGS/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$LOGS/$name.rc"
}

echo "fuzz.sh: ${#TARGETS[@]} target(s), ${SECONDS_PER_TARGET}s each, $JOBS in parallel"
running=0
for t in "${TARGETS[@]}"; do
  read -r mod cls meth <<<"$t"
  rm -f "$LOGS/${cls##*.}#$meth.rc"
  run_one "$mod" "$cls" "$meth" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
done
wait || true

failed=0
printf '\n%-44s %8s %10s %8s  %s\n' TARGET RUNS EXEC/S COV RESULT
for t in "${TARGETS[@]}"; do
  read -r mod cls meth <<<"$t"
  name="${cls##*.}#$meth"; log="$LOGS/$name.log"; rc=$(cat "$LOGS/$name.rc" 2>/dev/null || echo 99)
  done_line=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  last=$(grep -a -E '^#[0-9]+[[:space:]]' "$log" | tail -1 || true)
  runs=$(grep -a -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  [ -n "$runs" ] || runs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"${done_line:-$last}")
  execs=$(grep -oE 'exec/s: [0-9]+' <<<"${done_line:-$last}" | grep -oE '[0-9]+' || true)
  cov=$(grep -oE 'cov: [0-9]+' <<<"${done_line:-$last}" | grep -oE '[0-9]+' || true)
  artifacts=$(grep -a -oE "Test unit written to [^ ]+" "$log" | sed 's/Test unit written to //' | sort -u || true)
  if [ "$rc" = 0 ] && [ -z "$artifacts" ]; then result=ok; else result="FINDING (rc $rc, log $log)"; failed=1; fi
  printf '%-44s %8s %10s %8s  %s\n' "$name" "${runs:--}" "${execs:--}" "${cov:--}" "$result"
  for a in $artifacts; do echo "    reproducer: $a"; done
  if [ "$result" != ok ]; then grep -a -m3 -E '^(== Java Exception|Caused by|java\.|org\.opentest4j|\s+at io\.ike4j)' "$log" | sed 's/^/    /' || true; fi
done
if [ "$failed" != 0 ]; then
  echo
  echo "fuzz.sh: findings above. Reproduce one with: copy the crash file into"
  echo "  <module>/src/test/resources/<package path>/<Class>FuzzInputs/<method>/ and run mvn test -Dtest=<Class>"
  exit 1
fi
echo "fuzz.sh: no findings"
