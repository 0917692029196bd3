#!/usr/bin/env bash
# Crypto bound: JMH benchmarks of every primitive a handshake uses (X25519 / ECDH P-256, ML-KEM-768, ECDSA P-256,
# Ed25519, RSA-2048, the HMAC-SHA256 key schedule, a PSK AUTH value, AES-GCM over a 1 KiB IKE message), each with
# the JDK's providers and with BouncyCastle, then the per-handshake cost of a responder and the bound rate
# (1/cost, per core and for all cores), for JDK-only and for ike4j's default providers (--crypto-provider).
#
#   scripts/bench-crypto.sh [--quick] [--filter REGEX]     (--quick: ~3 min; default ~5 min)
#
# Benchmarks live in ike4j-bench-jmh (never run by bin/test). The figures depend on the machine's load: the
# script prints the load average before and after.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/scripts/jdk.sh"
cd "$root"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
mvn -q -B -pl ike4j-bench-jmh -am -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=runtime >&2
cp="$root/ike4j-bench-jmh/target/classes:$(cat "$root/ike4j-bench-jmh/target/jmh.classpath")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
log="$root/ike4j-bench-jmh/target/jmh-run.log"
echo "(JMH's own output: $log)"
java --sun-misc-unsafe-memory-access=allow -cp "$cp" io.ike4j.bench.jmh.CryptoBound --log "$log" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
