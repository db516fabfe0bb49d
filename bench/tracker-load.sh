#!/usr/bin/env bash
# Load on one server: PEERS simulated peers announce over HTTP (BEP 3, compact, numwant=50) over
# TORRENTS registered torrents, twice each (started, then a regular announce), 64 in flight; then
# SESSIONS WebSockets are opened on /ws/peer and held open at once, one holder per torrent says
# hello, and every other session says hello wanting a torrent and times hello -> candidates.
# All from 127.0.0.1, which announced every torrent first (the hello gate's rule).
#
#   bench/tracker-load.sh [PEERS] [SESSIONS] [TORRENTS]        defaults: 10000 1000 100
#
# Needs: the built jars (./mvnw -o install -DskipTests) and the system-tests test classes
# (./mvnw -o -pl system-tests test-compile). The load generator is io.mcbt.e2e.TrackerLoad, the
# same code as TrackerLoadIT; it shares this machine's cores with the server.
# Output: announces=… errors=… per_s=… p50_ms=… p99_ms=… max_ms=…
#         websockets=… errors=… hello_to_candidates p50_ms=… p99_ms=… max_ms=…
#         server_rss_mib idle=… with_sessions_open=… peak=…
set -euo pipefail
PEERS=${1:-10000}; SESSIONS=${2:-1000}; TORRENTS=${3:-100}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$HERE/../web/target/mcbt-server.jar
CLIENT=$HERE/../peer-client/target/peer-client.jar
CLASSES=$HERE/../system-tests/target/test-classes
for f in "$JAR" "$CLIENT" "$CLASSES/io/mcbt/e2e/TrackerLoad.class"; do
  [[ -e $f ]] || { echo "missing $f: ./mvnw -o install -DskipTests && ./mvnw -o -pl system-tests test-compile"; exit 1; }
done
# Each WebSocket and each HTTP connection is a descriptor on both sides.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files limit: $(ulimit -n)"
PORT=${PORT:-18199}
if ss -Htln "( sport = :$PORT )" | grep -q .; then echo "port $PORT is in use"; exit 1; fi
W=$(mktemp -d /tmp/mcbt-load.XXXXXX)
SERVER=""
cleanup() { [[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT INT TERM

echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" > "$W/preboot.txt"
# Everything comes from one address: the per-address limits are off.
(cd "$W" && MCBT_TRACKER_UDP_PORT=0 MCBT_TRACKER_ANNOUNCE_RATE_PER_IP=0 \
  MCBT_INDEX_UPLOAD_RATE_PER_MINUTE=0 exec java -jar "$JAR" --port "$PORT" \
  --prebootcommandfile "$W/preboot.txt" > "$W/server.log" 2>&1) &
SERVER=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/tracker/stats" && break; sleep 0.5; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/tracker/stats" || { tail -50 "$W/server.log"; exit 1; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER/status"; }
IDLE=$(rss)
( peak=0; while kill -0 "$SERVER" 2>/dev/null; do r=$(rss); (( r > peak )) && peak=$r && echo "$peak" > "$W/peak"; sleep 0.5; done ) &

SERVER_PID=$SERVER java -cp "$CLASSES:$CLIENT" io.mcbt.e2e.TrackerLoad \
  "http://127.0.0.1:$PORT" "$PEERS" "$SESSIONS" "$TORRENTS" 2 64 | tee "$W/out"
STATUS=${PIPESTATUS[0]}
OPEN=$(sed -n 's/^server_rss_mib_with_sessions_open=//p' "$W/out")
echo "server_rss_mib idle=$IDLE with_sessions_open=$OPEN peak=$(cat "$W/peak" 2>/dev/null || echo "$IDLE")"
grep -c -E "OutOfMemoryError|SEVERE" "$W/server.log" | sed 's/^/server_log_severe_or_oom_lines=/' || true
exit "$STATUS"
