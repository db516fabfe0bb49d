#!/usr/bin/env bash
# mcbt's multicast data plane against uftp and udpcast, one after another (the order rotating from
# row to row) on one test bed of network namespaces (root only): a sender and N receivers, each in
# its own namespace on one Linux bridge, receiver-side loss injected with nftables. Every copy is
# verified by sha256.
#
#   bench/multicast-vs-uftp-udpcast.sh [-s MIB] [-r "8:0 8:2 16:0"] [-t "mcbt uftp udpcast"] [-k 1] [-b BLOCK]
#     -s 256    file size in MiB
#     -r ...    rows as RECEIVERS:LOSS_PERCENT
#     -t ...    tools to run per row
#     -k 1      runs of each tool per row, interleaved (the order rotating each time); the ratio
#               then compares medians, so that one busy spell of the shared host decides less
#     -b 0      mcbt block size (0: from the MTU, 1,424 bytes on the bed's 1500-byte links)
#     -m 1500   the bed's MTU; above 1500 (jumbo frames) every tool gets blocks that fill it:
#               mcbt by default, udpcast --blocksize MTU-100, uftp -b min(8800, MTU-100)
#
# mcbt runs as a user would: the server (tracker) in its own namespace, `peer-client seed` on the
# sender's host and `peer-client get --exit-when-done` on each receiver's; its seconds are the
# sender's session, from its first status request to every member verified complete (the tracker's
# formation window and the JVMs' start come before and are printed apart as wall seconds). uftp's
# seconds are its sender's run, udpcast's from the sender's start until every receiver exited, as
# in ../shared/bench/multicast-baseline.sh.
#
# Output: one line per tool, row and run, then per row the ratio of mcbt's MiB/s to the faster
# reference's (medians over the runs that verified every copy):
#   tool=mcbt n=8 mib=256 loss=0 seconds=11.20 mib_per_s=22.9 wire_x=1.012 mtu=1500 verified=8/8
#   ratio n=8 loss=0 mcbt/best=1.18 (best=udpcast)
# wire_x is what the sender put on the wire (headers and repairs included) over the file size.
#
# Needs: iproute2, nftables, curl, uftp, udpcast (Debian packages); the jars (./mvnw package).
# The logs of the last run stay in /tmp/mcbench-last. PEER_JVM_OPTS applies to every peer-client
# process; SEED_OPTS is added to the sender's `seed` command (e.g. "--rate 30M").
set -euo pipefail
cd "$(dirname "$0")/.."

MIB=256; ROWS="8:0 8:2 16:0"; TOOLS="mcbt uftp udpcast"; BLOCK=0; MTU=1500; RUNS=1
while getopts "s:r:t:b:m:k:" o; do
  case $o in s) MIB=$OPTARG;; r) ROWS=$OPTARG;; t) TOOLS=$OPTARG;; b) BLOCK=$OPTARG;; m) MTU=$OPTARG;;
             k) RUNS=$OPTARG;;
             *) sed -n '2,32p' "$0"; exit 1;; esac
done
[[ $(id -u) == 0 ]] || { echo "needs root (network namespaces)"; exit 1; }
for c in ip nft curl uftp uftpd udp-sender udp-receiver java; do
  command -v $c >/dev/null || { echo "missing $c: apt-get install -y iproute2 nftables curl uftp udpcast"; exit 1; }
done
SERVER_JAR=$PWD/web/target/mcbt-server.jar
PEER_JAR=$PWD/peer-client/target/peer-client.jar
[[ -f $SERVER_JAR && -f $PEER_JAR ]] || { echo "build first: ./mvnw -q package -DskipTests"; exit 1; }

MAXN=0; for row in $ROWS; do n=${row%%:*}; (( n > MAXN )) && MAXN=$n; done
P=mcb$$; BR=${P}br; NET=10.78.$((RANDOM % 250 + 1))
WORK=$(mktemp -d /tmp/mcbench.XXXXXX)
PIDS=()
# Hosts: s = server, 0 = sender, 1..MAXN = receivers.
HOSTS="s $(seq 0 "$MAXN")"

cleanup() {
  for p in "${PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  for h in $HOSTS; do ip netns pids ${P}h$h 2>/dev/null | xargs -r kill -9 2>/dev/null || true
                      ip netns del ${P}h$h 2>/dev/null || true; done
  ip link del "$BR" 2>/dev/null || true
  rm -rf /tmp/mcbench-last; mkdir -p /tmp/mcbench-last; cp "$WORK"/*.log /tmp/mcbench-last/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

addr() { [[ $1 == s ]] && echo "$NET.250" || echo "$NET.$(($1 + 1))"; }
inns() { local h=$1; shift; ip netns exec ${P}h$h "$@"; }

ip link add "$BR" type bridge; ip link set "$BR" up
for h in $HOSTS; do
  ns=${P}h$h
  ip netns add $ns
  ip link add ${P}v$h type veth peer name ${P}e$h
  ip link set ${P}v$h mtu "$MTU"; ip link set ${P}e$h mtu "$MTU"
  ip link set ${P}v$h master "$BR"; ip link set ${P}v$h up
  ip link set ${P}e$h netns $ns
  ip -n $ns link set lo up
  ip -n $ns addr add "$(addr $h)/24" dev ${P}e$h
  ip -n $ns link set ${P}e$h up
  ip -n $ns route add 224.0.0.0/4 dev ${P}e$h
done

set_loss() {  # $1 = receivers, $2 = percent (0 removes)
  for i in $(seq 1 "$1"); do
    inns $i nft delete table inet loss 2>/dev/null || true
    if [[ $2 != 0 ]]; then
      inns $i nft add table inet loss
      inns $i nft add chain inet loss in '{ type filter hook input priority 0; }'
      # Multicast data ports only (all three tools use ports above 1024 for data; keep TCP alive).
      inns $i nft add rule inet loss in meta l4proto udp udp dport 1024-65535 numgen random mod 100 '<' "$2" drop
    fi
  done
}

SRC=$WORK/src; mkdir -p "$SRC"
head -c $((MIB * 1024 * 1024)) /dev/urandom > "$SRC/payload.bin"
WANT=$(sha256sum < "$SRC/payload.bin" | cut -d' ' -f1)

verify() {  # $1 = receivers; copies in $WORK/r$i/payload.bin
  local ok=0
  for i in $(seq 1 "$1"); do
    f=$WORK/r$i/payload.bin
    [[ -f $f ]] && [[ $(sha256sum < "$f" | cut -d' ' -f1) == "$WANT" ]] && ok=$((ok + 1))
  done
  echo $ok
}

report() {  # tool n loss seconds wire_x verified
  awk -v t="$1" -v n="$2" -v l="$3" -v s="$4" -v w="$5" -v v="$6" -v m="$MIB" \
    'BEGIN { printf "tool=%s n=%d mib=%d loss=%s seconds=%.2f mib_per_s=%.1f wire_x=%s verified=%d/%d\n", t, n, m, l, s, m/s, w, v, n }' | sed "s/ verified/ mtu=$MTU verified/"
}

# The server, once: its tracker forms the groups.
mkdir -p "$WORK/server"
# One RTT band: seventeen JVMs starting on two cores delay RTT probes by up to tens of ms, which the
# default bands (1, 2, 4 ms...) would read as different networks; the bed is one LAN.
( cd "$WORK/server" && MCBT_TRACKER_UDP_PORT=0 MCBT_GROUPS_FORMATION_WINDOW_MS=4000 MCBT_GROUPS_RTT_BANDS_MS=250 \
  MCBT_TRACKER_ANNOUNCE_RATE_PER_IP=0 MCBT_INDEX_UPLOAD_RATE_PER_MINUTE=0 \
  exec ip netns exec ${P}hs java -jar "$SERVER_JAR" --port 8080 > "$WORK/server.log" 2>&1 ) &
PIDS+=($!)
URL="http://$(addr s):8080"
for _ in $(seq 1 240); do inns s curl -sf -o /dev/null "$URL/api/torrents?size=1" && break; sleep 0.5; done
inns 0 java -jar "$PEER_JAR" publish "$SRC/payload.bin" -o "$WORK/payload.torrent" --server "$URL" -q > /dev/null

PEER_JAVA=(java -XX:+UseSerialGC ${PEER_JVM_OPTS:-} -jar "$PEER_JAR")

run_mcbt() {  # n loss
  local n=$1 loss=$2 t0 t1 line seconds wire
  ( cd "$WORK" && exec ip netns exec ${P}h0 "${PEER_JAVA[@]}" seed "$WORK/payload.torrent" --data "$SRC" \
      --server "$URL" --quiet --block-size "$BLOCK" ${SEED_OPTS:-} > "$WORK/seed.log" 2>&1 ) &
  local seeder=$!
  sleep 2
  local gets=()
  t0=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    ( cd "$WORK" && exec ip netns exec ${P}h$i "${PEER_JAVA[@]}" get "$WORK/payload.torrent" -o "$WORK/r$i" \
        --server "$URL" --group-timeout 60 --exit-when-done --quiet > "$WORK/get$i.log" 2>&1 ) &
    gets+=($!)
  done
  for p in "${gets[@]}"; do wait "$p" || true; done
  t1=$(date +%s.%N)
  # The last member may exit before the sender has taken its "complete": give the sender a moment.
  for _ in $(seq 1 100); do
    line=$(grep -m1 -E 'multicast group [0-9]+: (complete|round limit)' "$WORK/seed.log" || true)
    [[ -n $line ]] && break
    sleep 0.1
  done
  kill "$seeder" 2>/dev/null || true; wait "$seeder" 2>/dev/null || true
  seconds=$(sed -nE 's/.*, ([0-9.]+) s, .*/\1/p' <<< "$line")
  wire=$(sed -nE 's/.*\(([0-9.]+) x the torrent\).*/\1/p' <<< "$line")
  [[ -n $seconds ]] || { echo "mcbt: no group session in the seeder's log:"; cat "$WORK/seed.log"; seconds=0; wire=0; }
  report mcbt "$n" "$loss" "$seconds" "$wire" "$(verify "$n")"
  awk -v s="$(echo "$t1 - $t0" | bc)" 'BEGIN { printf "  (mcbt wall seconds from starting the gets, JVMs and formation window included: %.2f)\n", s }'
  { grep -h "multicast group.* after " "$WORK/get1.log"; echo "$line"; grep -h "^cpu" "$WORK"/get*.log "$WORK/seed.log"; } |
    sed "s/^/  /"
  for i in $(seq 1 "$n"); do rm -rf "$WORK/r$i"; done
}

run_uftp() {  # n loss
  local n=$1 loss=$2 t0 t1
  local pids=()
  for i in $(seq 1 "$n"); do
    mkdir -p "$WORK/r$i"
    inns $i uftpd -d -x 0 -D "$WORK/r$i" -I ${P}e$i -M 230.4.4.1 > "$WORK/uftpd$i.log" 2>&1 &
    pids+=($!)
  done
  sleep 1
  t0=$(date +%s.%N)
  local blocks=(); (( MTU > 1500 )) && blocks=(-b $(( MTU - 100 < 8800 ? MTU - 100 : 8800 )))
  inns 0 timeout 300 uftp -x 0 -I ${P}e0 -M 230.4.4.1 -R -1 -C tfmcc "${blocks[@]}" "$SRC/payload.bin" > "$WORK/uftp.log" 2>&1 || true
  t1=$(date +%s.%N)
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true
  # Sent bytes are not reported in a form worth parsing: n/a.
  report uftp "$n" "$loss" "$(echo "$t1 - $t0" | bc)" n/a "$(verify "$n")"
  for i in $(seq 1 "$n"); do rm -rf "$WORK/r$i"; done
}

run_udpcast() {  # n loss
  local n=$1 loss=$2 t0 t1
  local pids=()
  for i in $(seq 1 "$n"); do
    mkdir -p "$WORK/r$i"
    inns $i timeout 300 udp-receiver --nokbd --interface ${P}e$i --mcast-rdv-address 239.255.77.1 \
      --file "$WORK/r$i/payload.bin" > "$WORK/udpr$i.log" 2>&1 &
    pids+=($!)
  done
  t0=$(date +%s.%N)
  local blocks=(); (( MTU > 1500 )) && blocks=(--blocksize $(( MTU - 100 )))
  inns 0 timeout 300 udp-sender --nokbd "${blocks[@]}" --interface ${P}e0 --mcast-rdv-address 239.255.77.1 --min-receivers "$n" \
    --file "$SRC/payload.bin" > "$WORK/udps.log" 2>&1 || true
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  t1=$(date +%s.%N)
  report udpcast "$n" "$loss" "$(echo "$t1 - $t0" | bc)" n/a "$(verify "$n")"
  for i in $(seq 1 "$n"); do rm -rf "$WORK/r$i"; done
}

read -ra TOOL_LIST <<< "$TOOLS"
ROW_INDEX=0
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

for row in $ROWS; do
  n=${row%%:*}; loss=${row##*:}
  set_loss "$MAXN" 0; set_loss "$n" "$loss"
  declare -A speeds=()
  # Each run starts with the next tool, so that no tool always runs first (right after the bed is
  # built or the loss changed) and a busy spell of the shared host does not always hit the same one.
  for ((run = 0; run < RUNS; run++)); do
    for ((i = 0; i < ${#TOOL_LIST[@]}; i++)); do
      tool=${TOOL_LIST[(i + ROW_INDEX) % ${#TOOL_LIST[@]}]}
      out=$(run_"$tool" "$n" "$loss"); echo "$out"
      # Only runs that verified every copy count.
      s=$(sed -nE '1s/.*mib_per_s=([0-9.]+).*verified=([0-9]+)\/\2$/\1/p' <<< "$out")
      [[ -n $s ]] && speeds[$tool]+="$s "
    done
    ROW_INDEX=$((ROW_INDEX + 1))
  done
  best=""; best_speed=0
  for tool in uftp udpcast; do
    s=$(tr ' ' '\n' <<< "${speeds[$tool]:-}" | awk NF | median)
    [[ -n $s ]] && awk -v a="$s" -v b="$best_speed" 'BEGIN { exit !(a > b) }' && { best=$tool; best_speed=$s; }
  done
  ms=$(tr ' ' '\n' <<< "${speeds[mcbt]:-}" | awk NF | median)
  if [[ -n $best && -n $ms ]]; then
    awk -v n="$n" -v l="$loss" -v a="$ms" -v b="$best_speed" -v t="$best" \
      'BEGIN { printf "ratio n=%d loss=%s mcbt/best=%.2f (best=%s)\n", n, l, a/b, t }'
  fi
  unset speeds
done
