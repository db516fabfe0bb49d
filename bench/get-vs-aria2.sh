#!/usr/bin/env bash
# Peer-wire download throughput: our `seed` → our `get` against aria2c seed → aria2c leech, one
# seeder and one leecher each, the same random file and the same torrent, through our server's
# HTTP tracker, on loopback, multicast off. Alternates the two RUNS times; each transfer is timed
# from the leecher's start to its exit (so it includes the tracker round trip and connection set-
# up) and the copy is checked by sha256.
#
#   bench/get-vs-aria2.sh [MIB] [RUNS]        defaults: 1024 MiB, 3 runs
#
# Needs: aria2c (apt-get install aria2), curl, bc, coreutils, the built server and client jars
# (./mvnw -pl web,peer-client -am package -DskipTests). Both clients, the seeders and the JVMs share
# this machine's cores and page cache, so absolute numbers depend on the machine; compare the ratio.
# Output:  run N mcbt  seconds=… mib_per_s=…        (one line per transfer)
#          run N aria2 seconds=… mib_per_s=…
#          mcbt seconds=… mib_per_s=…                (medians over the runs)
#          aria2 seconds=… mib_per_s=…
#          ratio mcbt/aria2=… (throughput; above 1 means faster)
set -euo pipefail
MIB=${1:-1024}; RUNS=${2:-3}
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=$HERE/web/target/mcbt-server.jar
CLIENT=$HERE/peer-client/target/peer-client.jar
[[ -f $JAR && -f $CLIENT ]] || {
  echo "build the server and client first: ./mvnw -pl web,peer-client -am package -DskipTests"; exit 1; }
for c in aria2c curl bc sha256sum java; do command -v $c >/dev/null || { echo "missing $c"; exit 1; }; done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || shuf -i 20000-40000 -n 1; }
OUR_PORT=${OUR_PORT:-$(free_port)}
W=$(mktemp -d /tmp/mcbt-get-bench.XXXXXX)
PIDS=()
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n $p ]] && stop "$p"; done; rm -rf "$W"; }
trap cleanup EXIT INT TERM
fail() { { echo "FAIL: $*"; for f in "$W"/*.log; do echo "--- $f"; tail -n 20 "$f"; done; } >&2; exit 1; }

echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" > "$W/preboot.txt"
mkdir -p "$W/server"
(cd "$W/server" && unset MONGODB_URI && MCBT_TRACKER_UDP_PORT=0 MCBT_TRACKER_MIN_INTERVAL_SECONDS=2 \
  exec java -jar "$JAR" --port "$OUR_PORT" --prebootcommandfile "$W/preboot.txt" > "$W/server.log" 2>&1) &
PIDS+=($!)
SERVER=http://127.0.0.1:$OUR_PORT
for _ in $(seq 1 240); do curl -sf -o /dev/null "$SERVER/api/torrents?size=1" && break; sleep 0.5; done
curl -sf -o /dev/null "$SERVER/api/torrents?size=1" || fail "the server did not start"

mkdir -p "$W/source"
head -c $((MIB * 1024 * 1024)) /dev/urandom > "$W/source/data.bin"
WANT=$(sha256sum < "$W/source/data.bin" | cut -d' ' -f1)
(cd "$W" && unset MCBT_SERVER && java -jar "$CLIENT" publish source/data.bin -o data.torrent --server "$SERVER" -q) > "$W/publish.log" 2>&1 \
  || fail "publish failed"

ARIA2=(aria2c --no-conf=true --interface=127.0.0.1 --disable-ipv6=true --enable-dht=false
  --enable-dht6=false --bt-enable-lpd=false --enable-peer-exchange=false --bt-tracker-interval=2
  --summary-interval=0 --console-log-level=warn --auto-save-interval=0 --allow-overwrite=true)

# $1 = name, then the seeder's command; waits for the seeder to say so (ours) or to be listening.
start_seeder() {
  local name=$1; shift
  "$@" > "$W/$name-seed.log" 2>&1 &
  SEEDER=$!; PIDS+=($SEEDER)
}
await_listening() {  # $1 = port
  for _ in $(seq 1 240); do
    ss -Htln "( sport = :$1 )" | grep -q . && return 0
    sleep 0.25
  done
  fail "nothing listens on $1"
}
# $1 = name, $2 = output folder, then the leecher's command: times it, checks the copy.
timed_leech() {
  local name=$1 dir=$2; shift 2
  local t0 t1 got
  t0=$(date +%s.%N)
  timeout 1800 "$@" > "$W/$name-leech.log" 2>&1 || fail "$name leecher failed"
  t1=$(date +%s.%N)
  got=$(sha256sum < "$dir/data.bin" | cut -d' ' -f1)
  [[ $got == "$WANT" ]] || fail "$name copy differs: $got"
  echo "$t1 - $t0" | bc
}

ours=(); ref=()
for i in $(seq 1 "$RUNS"); do
  rm -rf "$W/get"
  port=$(free_port); lport=$(free_port)
  start_seeder mcbt java -jar "$CLIENT" seed "$W/data.torrent" --data "$W/source" --server "$SERVER" \
    --bind 127.0.0.1 --port "$port" --no-multicast
  await_listening "$port"
  s=$(timed_leech mcbt "$W/get" java -jar "$CLIENT" get "$W/data.torrent" -o "$W/get" --server "$SERVER" \
    --bind 127.0.0.1 --port "$lport" --exit-when-done --no-multicast -q)
  stop "$SEEDER"; rm -rf "$W/get"
  ours+=("$s")
  awk -v s="$s" -v m="$MIB" -v i="$i" 'BEGIN { printf "run %d mcbt  seconds=%.2f mib_per_s=%.0f\n", i, s, m / s }'

  rm -rf "$W/aria2"
  port=$(free_port); lport=$(free_port)
  start_seeder aria2 "${ARIA2[@]}" --check-integrity=true --seed-ratio=0.0 --listen-port="$port" \
    -d "$W/source" "$W/data.torrent"
  await_listening "$port"
  s=$(timed_leech aria2 "$W/aria2" "${ARIA2[@]}" --seed-time=0 --file-allocation=none \
    --listen-port="$lport" -d "$W/aria2" "$W/data.torrent")
  stop "$SEEDER"; rm -rf "$W/aria2"
  ref+=("$s")
  awk -v s="$s" -v m="$MIB" -v i="$i" 'BEGIN { printf "run %d aria2 seconds=%.2f mib_per_s=%.0f\n", i, s, m / s }'
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
o=$(printf '%s\n' "${ours[@]}" | median)
r=$(printf '%s\n' "${ref[@]}" | median)
awk -v r="$r" -v o="$o" -v m="$MIB" 'BEGIN {
  printf "mcbt seconds=%.2f mib_per_s=%.1f\n", o, m / o
  printf "aria2 seconds=%.2f mib_per_s=%.1f\n", r, m / r
  printf "ratio mcbt/aria2=%.2f (throughput; above 1 means faster)\n", r / o }'
