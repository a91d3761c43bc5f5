#!/usr/bin/env bash
# Fetches Temporal's Java time-skipping test server from Maven Central (the SDK's own download
# needs the open web) and writes a launcher. Prints the launcher's path on stdout.
# Cached under $CARE_REVIEWS_CACHE; refetched only when TEMPORAL_TEST_SERVER_VERSION changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/toolchain-env.sh"

if [ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]; then
  [ -x "$TEMPORAL_TEST_SERVER_PATH" ] || { say "TEMPORAL_TEST_SERVER_PATH=$TEMPORAL_TEST_SERVER_PATH is not an executable file"; exit 3; }
  echo "$TEMPORAL_TEST_SERVER_PATH"; exit 0
fi
dir="$TEMPORAL_TEST_SERVER_DIR"
launcher="$dir/test-server"
if [ -x "$launcher" ] && [ -f "$dir/app.jsa" ]; then echo "$launcher"; exit 0; fi

need java "Install a Java runtime, 17 or newer (Debian: apt-get install openjdk-17-jre-headless), or set TEMPORAL_TEST_SERVER_PATH."
need mvn "Install Apache Maven (Debian: apt-get install maven), or set TEMPORAL_TEST_SERVER_PATH."
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
if [ -x "$launcher" ] && [ -f "$dir/app.jsa" ]; then echo "$launcher"; exit 0; fi

say "fetching io.temporal:temporal-test-server:$TEMPORAL_TEST_SERVER_VERSION and its dependencies from Maven Central"
cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.invalid</groupId>
  <artifactId>care-reviews-test-server</artifactId>
  <version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEMPORAL_TEST_SERVER_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
POM
rm -rf "$dir/lib"
( cd "$dir" && mvn -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime \
    | grep --line-buffered -E 'Downloaded from|BUILD|ERROR' | sed -u 's/^/[toolchain]   /' >&2 )
[ -n "$(ls "$dir/lib" 2>/dev/null)" ] || { say "Maven copied no jars into $dir/lib"; exit 4; }

# exec, so that the SDK's teardown signals the JVM itself (a shell in between orphans it).
# The AppCDS archive cuts a cold JVM start well under the SDK's 5 s connect window on 2 cores.
cat > "$launcher.tmp" <<'SH'
#!/usr/bin/env bash
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cds=()
[ -f "$dir/app.jsa" ] && cds=(-XX:SharedArchiveFile="$dir/app.jsa" -Xshare:auto)
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${cds[@]}" -cp "$dir/lib/*" io.temporal.testserver.TestServer "$@"
SH
chmod +x "$launcher.tmp"

say "recording a class-data-sharing archive for a fast JVM start"
port=$(( 20000 + RANDOM % 20000 ))
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$dir/app.jsa" \
  -cp "$dir/lib/*" io.temporal.testserver.TestServer "$port" >/dev/null 2>&1 &
jpid=$!
# Wait until it serves (so start-up classes are archived), then stop it with SIGTERM: a background
# job of a non-interactive shell ignores SIGINT.
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.5
done
kill -TERM "$jpid" 2>/dev/null || true
wait "$jpid" 2>/dev/null || true
[ -f "$dir/app.jsa" ] || { say "no CDS archive was written; the server will start without it (slower)"; : > "$dir/app.jsa"; }
mv "$launcher.tmp" "$launcher"
say "test server ready: $launcher"
echo "$launcher"
