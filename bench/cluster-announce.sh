#!/usr/bin/env bash
# Announce throughput of one server against two clustered instances (Hazelcast over TCP/IP on
# loopback), on the wrk load of tracker-vs-opentracker.sh (announce.lua: 1,000 registered
# torrents, random peers, compact=1, numwant=50). One instance gets all CONNECTIONS; two instances
# get half each from two wrk processes at once, and their replies are added up. Rows alternate
# ROUNDS times after a warm-up. Afterwards each instance's peer count is printed: alike when the
# replication kept up.
#
#   bench/cluster-announce.sh [SECONDS] [CONNECTIONS] [ROUNDS]     defaults: 15 100 3
#
# Needs: wrk, python3, the built server (./mvnw -pl web -am package -DskipTests: the server jar,
# payara-micro.jar and mcbt.war in web/target). Every process shares this machine's cores: on a
# small machine two instances compete with each other and with wrk, so read the ratio as what
# clustering costs or gains here, not as what two machines would do.
# Output, last lines:
#   one_instance  ok_per_s=… p99_ms=…          (medians over the rounds)
#   two_instances ok_per_s=… p99_ms=…
#   ratio two/one=…
#   peers first=… second=…
set -euo pipefail
SECS=${1:-15}; CONNS=${2:-100}; ROUNDS=${3:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=$HERE/../web/target
for f in mcbt-server.jar payara-micro.jar mcbt.war; do
  [[ -f $TARGET/$f ]] || { echo "missing $TARGET/$f: ./mvnw -pl web -am package -DskipTests"; exit 1; }
done
for c in wrk python3 curl; do command -v $c >/dev/null || { echo "missing $c"; exit 1; }; done
ONE=${ONE_PORT:-18099}; A=${A_PORT:-18101}; B=${B_PORT:-18102}; HZ_A=17981; HZ_B=17982
for port in $ONE $A $B $HZ_A $HZ_B; do
  if ss -Htln "( sport = :$port )" | grep -q .; then echo "port $port is in use"; exit 1; fi
done
W=$(mktemp -d /tmp/mcbt-cluster-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT INT TERM

python3 -c "import hashlib
for n in range(1000): print(hashlib.sha1(b'bench-torrent-%d' % n).hexdigest())" > "$W/torrents.txt"
export TORRENTS=$W/torrents.txt
echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" > "$W/preboot.txt"

# Each server: the JVM options of ./run-server, no UDP tracker, no per-address limit (wrk
# announces from one address), its own store.
start() {  # name port java-args...
  local name=$1 port=$2; shift 2
  mkdir -p "$W/$name"
  (cd "$W/$name" && MCBT_TRACKER_UDP_PORT=0 MCBT_TRACKER_ANNOUNCE_RATE_PER_IP=0 \
    exec java -XX:MaxGCPauseMillis=10 -XX:MaxTenuringThreshold=1 "$@" --port "$port" \
    --prebootcommandfile "$W/preboot.txt" > "$W/$name/server.log" 2>&1) &
  PIDS+=($!)
}
ready() {  # port
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$1/api/tracker/stats" && return; sleep 0.5; done
  echo "server on $1 did not start"; exit 1
}
register() {  # port: the tracker's whitelist is the index's registrations
  python3 - "$1" "$W/torrents.txt" <<'PY'
import http.client, sys
conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
for line in open(sys.argv[2]):
    conn.request("POST", "/api/tracker/registrations", '{"infoHash":"%s"}' % line.strip(),
                 {"Content-Type": "application/json"})
    response = conn.getresponse(); response.read()
    assert response.status == 200, response.status
PY
}
wrk_at() {  # port connections seconds
  (cd "$HERE" && wrk -t1 -c"$2" -d"$3s" --latency -s announce.lua "http://127.0.0.1:$1/announce") | tail -n 1
}

start one "$ONE" -jar "$TARGET/mcbt-server.jar"
CLUSTER=(-jar "$TARGET/payara-micro.jar" --deploy "$TARGET/mcbt.war:/" --clustername "mcbt-bench-$$"
  --clustermode "tcpip:127.0.0.1:$HZ_A,127.0.0.1:$HZ_B" --interfaces 127.0.0.1 --disablephonehome)
start first "$A" "${CLUSTER[@]}" --startport $HZ_A
ready "$A"
start second "$B" "${CLUSTER[@]}" --startport $HZ_B
ready "$ONE"; ready "$B"
grep -q "members \[[^,]*, " "$W/second/server.log" || { echo "the instances did not form one cluster"; exit 1; }
register "$ONE"
register "$A"   # travels to the second instance over the grid

half=$((CONNS / 2))
one_round() { wrk_at "$ONE" "$CONNS" "$1" | sed 's/^/one_instance /'; }
two_round() {
  wrk_at "$A" "$half" "$1" > "$W/a.out" & local wa=$!
  wrk_at "$B" "$half" "$1" > "$W/b.out"
  wait $wa
  python3 - "$W/a.out" "$W/b.out" <<'PY'
import re, sys
rows = [dict((k, float(v)) for k, v in re.findall(r"(\w+)=([\d.]+)", open(f).read())) for f in sys.argv[1:]]
print("two_instances ok_per_s=%.0f p99_ms=%.2f failure_replies=%.0f socket_errors=%.0f" % (
    sum(r["ok_per_s"] for r in rows), max(r["p99_ms"] for r in rows),
    sum(r["failure_replies"] for r in rows), sum(r["socket_errors"] for r in rows)))
PY
}
one_round 10 > /dev/null; two_round 10 > /dev/null   # warm-up: JIT, swarms filled
for _ in $(seq 1 "$ROUNDS"); do
  one_round "$SECS" | tee -a "$W/results"
  two_round "$SECS" | tee -a "$W/results"
done

python3 - "$W/results" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, rest = line.split(" ", 1)
    rows.setdefault(name, []).append({k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", rest)})
med = {n: {k: statistics.median(r[k] for r in rs) for k in ("ok_per_s", "p99_ms")} for n, rs in rows.items()}
for n in ("one_instance", "two_instances"):
    print(f"{n:13} ok_per_s={med[n]['ok_per_s']:.0f} p99_ms={med[n]['p99_ms']:.2f}")
print(f"ratio two/one={med['two_instances']['ok_per_s'] / med['one_instance']['ok_per_s']:.2f}")
PY
sleep 1
peers() { curl -s "http://127.0.0.1:$1/api/tracker/stats" | python3 -c "import json,sys; s=json.load(sys.stdin); print(s['seeders'] + s['leechers'])"; }
echo "peers first=$(peers "$A") second=$(peers "$B")"
