#!/usr/bin/env bash
# Tracker throughput: our HTTP tracker against Debian's opentracker, on the same wrk load
# (announce.lua: 1,000 whitelisted torrents, random peers, compact=1, numwant=50), alternating
# ROUNDS times after a warm-up of each, on loopback. Only replies without a failure reason count.
#
#   bench/tracker-vs-opentracker.sh [SECONDS] [CONNECTIONS] [ROUNDS]     defaults: 15 100 3
#
# Needs: wrk, opentracker (apt-get install wrk opentracker), python3, the built server jar
# (./mvnw -pl web -am package -DskipTests). wrk, the trackers and the JVM share this machine's
# cores, so absolute numbers depend on the machine; the ratio is what to compare.
# Output, last lines:
#   opentracker ok_per_s=… p50_ms=… p99_ms=…      (medians over the rounds)
#   mcbt        ok_per_s=… p50_ms=… p99_ms=…
#   ratio mcbt/opentracker=…
set -euo pipefail
SECS=${1:-15}; CONNS=${2:-100}; ROUNDS=${3:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$HERE/../web/target/mcbt-server.jar
[[ -f $JAR ]] || { echo "build the server first: ./mvnw -pl web -am package -DskipTests"; exit 1; }
for c in wrk opentracker python3; do command -v $c >/dev/null || { echo "missing $c"; exit 1; }; done
OT_PORT=${OT_PORT:-16979}; OUR_PORT=${OUR_PORT:-18099}
# opentracker binds with SO_REUSEPORT: a second one on the same port would silently share the load.
for port in $OT_PORT $OUR_PORT; do
  if ss -Htlnu "( sport = :$port )" | grep -q .; then echo "port $port is in use"; exit 1; fi
done
W=$(mktemp -d /tmp/mcbt-tracker-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done; rm -rf "$W"; }
trap cleanup EXIT INT TERM

python3 -c "import hashlib
for n in range(1000): print(hashlib.sha1(b'bench-torrent-%d' % n).hexdigest())" > "$W/torrents.txt"
export TORRENTS=$W/torrents.txt

# Debian's opentracker tracks whitelisted torrents only; it chroots into -d, so -w names the
# whitelist from inside that folder.
# It also drops to user nobody, who must be able to read it: mktemp made the folder private.
cp "$W/torrents.txt" "$W/whitelist"
chmod 755 "$W"; chmod 644 "$W/whitelist"
opentracker -i 127.0.0.1 -p $OT_PORT -P $OT_PORT -d "$W" -w /whitelist > "$W/opentracker.log" 2>&1 &
PIDS+=($!)
# It loads the whitelist in the background: wait until every torrent is allowed (a "stopped"
# announce is not checked against the whitelist, so ask as a seeder that wants no peers).
python3 - "$OT_PORT" "$W/torrents.txt" <<'PY'
import http.client, sys, time
hashes = [line.strip() for line in open(sys.argv[2])]
def allowed(h):
    query = "".join("%" + h[i:i + 2] for i in range(0, 40, 2))
    conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
    conn.request("GET", "/announce?info_hash=%s&peer_id=%s&port=1&left=0&numwant=0" % (query, "%41" * 20))
    return b"failure" not in conn.getresponse().read()
deadline = time.time() + 60
while not all(allowed(h) for h in hashes):
    if time.time() > deadline:
        sys.exit("opentracker did not load its whitelist")
    time.sleep(1)
PY

echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" > "$W/preboot.txt"
# The JVM options of ./run-server (MCBT_JAVA_OPTS there). wrk announces from one address, far
# beyond the per-address limit: off unless ANNOUNCE_RATE_PER_IP is given (to measure its cost,
# ANNOUNCE_RATE_PER_IP=1000000 ANNOUNCE_BURST_PER_IP=1000000 keeps it on without refusing).
(cd "$W" && MCBT_TRACKER_UDP_PORT=0 MCBT_TRACKER_ANNOUNCE_RATE_PER_IP=${ANNOUNCE_RATE_PER_IP:-0} \
  MCBT_TRACKER_ANNOUNCE_BURST_PER_IP=${ANNOUNCE_BURST_PER_IP:-200} exec java -XX:MaxGCPauseMillis=10 -XX:MaxTenuringThreshold=1 \
  -jar "$JAR" --port $OUR_PORT \
  --prebootcommandfile "$W/preboot.txt" > "$W/server.log" 2>&1) &
PIDS+=($!)
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$OUR_PORT/api/tracker/stats" && break; sleep 0.5; done

# Our tracker's whitelist is the index's registrations: register the same 1,000 torrents.
python3 - "$OUR_PORT" "$W/torrents.txt" <<'PY'
import http.client, sys
conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
for line in open(sys.argv[2]):
    conn.request("POST", "/api/tracker/registrations", '{"infoHash":"%s"}' % line.strip(),
                 {"Content-Type": "application/json"})
    response = conn.getresponse(); response.read()
    assert response.status == 200, response.status
PY

run() {  # name url seconds
  (cd "$HERE" && wrk -t2 -c"$CONNS" -d"$3s" --latency -s announce.lua "$2") | tail -n 1 | sed "s/^/$1 /"
}
run opentracker-warmup "http://127.0.0.1:$OT_PORT/announce" 5 >/dev/null
run mcbt-warmup "http://127.0.0.1:$OUR_PORT/announce" 15 >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  run opentracker "http://127.0.0.1:$OT_PORT/announce" "$SECS" | tee -a "$W/results"
  run mcbt "http://127.0.0.1:$OUR_PORT/announce" "$SECS" | tee -a "$W/results"
done

python3 - "$W/results" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, rest = line.split(" ", 1)
    fields = dict(re.findall(r"(\w+)=([\d.]+)", rest))
    rows.setdefault(name, []).append({k: float(v) for k, v in fields.items()})
med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in rows.items()}
for n in ("opentracker", "mcbt"):
    m = med[n]
    print(f"{n:11} ok_per_s={m['ok_per_s']:.0f} p50_ms={m['p50_ms']:.2f} p99_ms={m['p99_ms']:.2f} "
          f"failure_replies={m['failure_replies']:.0f} socket_errors={m['socket_errors']:.0f}")
print(f"ratio mcbt/opentracker={med['mcbt']['ok_per_s'] / med['opentracker']['ok_per_s']:.2f}")
PY
