# Sourced by ike4j's scripts: finds a JDK 25 and exports JAVA_HOME, or stops with a message.
# Order: $JAVA_HOME if it is a JDK >= 25, else /usr/lib/jvm/*25*, else `java` on PATH if >= 25.
ike4j_java_major() { # prints the feature version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1 | cut -d. -f1
}
ike4j_find_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*-2[5-9]* /usr/lib/jvm/*-[3-9][0-9]*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    local v; v=$(ike4j_java_major "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    local j; j=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    local v; v=$(ike4j_java_major "$j/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then echo "$j"; return 0; fi
  fi
  return 1
}
if ! IKE4J_JDK=$(ike4j_find_jdk); then
  echo "ike4j needs a JDK 25 or newer, and none was found (JAVA_HOME, /usr/lib/jvm/*25*, PATH)." >&2
  echo "Install one, e.g. 'apt-get install temurin-25-jdk' (Adoptium) or 'apt-get install openjdk-25-jdk'," >&2
  echo "or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="$IKE4J_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
  echo "ike4j builds with Apache Maven (3.8 or newer), which is not on PATH: 'apt-get install maven'." >&2
  exit 1
fi
# Maven 3.8 on JDK 25 warns about sun.misc.Unsafe in its own libraries; harmless, and noise in every build.
case " ${MAVEN_OPTS:-} " in
  *sun-misc-unsafe-memory-access*) ;;
  *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
esac
