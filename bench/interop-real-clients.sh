#!/usr/bin/env bash
# Interop of real BitTorrent clients on loopback, through a tracker, checked by sha256.
#   bench/interop-real-clients.sh [--udp] [ANNOUNCE_URL|-] [MIB] [DIRECTION]
#   DIRECTION: aria2-to-transmission (default) | transmission-to-aria2 | aria2-to-aria2
# Without ANNOUNCE_URL (or with "-") it runs Debian's opentracker (whitelist-only build) on
# 127.0.0.1:16969 TCP+UDP with this torrent's info-hash whitelisted, and announces to
# http://127.0.0.1:16969/announce, or udp://127.0.0.1:16969/announce with --udp or UDP=1.
# MCBT_SERVER=http://host:port: POST the .torrent to $MCBT_SERVER/api/torrents before seeding.
# Env: TIMEOUT (s, default 180), KEEP=1 keeps the temp dir, PORT_BASE (default 16881: seeder
# uses it, leecher +1), OT_PORT (default 16969), OT_BIN (default opentracker; a renamed copy
# survives other jobs' `pkill opentracker`). The JUnit system test RealClientsIT runs it against our tracker.
# Last line: PASS seconds=<leecher start to verified copy>  or  FAIL <reason>; exit 0 / 1.
# Needs: mktorrent, aria2, transmission-cli, curl (+ opentracker for the default tracker).
# Loopback facts this relies on (measured with aria2 1.36.0, transmission 3.00, Debian 12):
#  - transmission 3.00 drops every 127.0.0.0/8 peer a tracker hands it (isMartianAddr), so it
#    never dials out on loopback; it only takes incoming connections. The aria2 side always
#    dials: as seeder it must re-announce soon (--bt-tracker-interval) to learn the leecher.
#  - opentracker run as root chroots into tracker.rootdir, then drops to "nobody", and only then
#    opens the whitelist: a relative path, readable by nobody (not mktemp's 0700 dir).
set -uo pipefail
[[ ${1:-} == --udp ]] && { UDP=1; shift; }
URL=${1:-}; [[ $URL == - ]] && URL=
MIB=${2:-64}; DIRECTION=${3:-aria2-to-transmission}
TIMEOUT=${TIMEOUT:-180}; SP=${PORT_BASE:-16881}; LP=$((SP + 1)); OTP=${OT_PORT:-16969}
case $DIRECTION in
  aria2-to-transmission) SEEDER=aria2 LEECHER=transmission ;;
  transmission-to-aria2) SEEDER=transmission LEECHER=aria2 ;;
  aria2-to-aria2)        SEEDER=aria2 LEECHER=aria2 ;;
  *) echo "FAIL unknown direction $DIRECTION"; exit 1 ;;
esac
W=$(mktemp -d /tmp/interop.XXXXXX)
PIDS=() NAMES=()
cleanup() {
  local i p
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null; done
  for _ in $(seq 1 30); do   # up to 3 s for a clean stop, then SIGKILL
    p=; for i in "${PIDS[@]}"; do kill -0 "$i" 2>/dev/null && p=1; done
    [[ -z $p ]] && break; sleep 0.1
  done
  for i in "${PIDS[@]}"; do kill -9 "$i" 2>/dev/null; done
  wait 2>/dev/null
  [[ -n ${KEEP:-} ]] && echo "kept $W" >&2 || rm -rf "$W"
}
trap cleanup EXIT
trap 'echo "FAIL interrupted"; exit 1' INT TERM HUP
start() { local name=$1; shift; "$@" & PIDS+=($!); NAMES+=("$name"); }
fail() {
  local f
  for f in "$W"/*.log; do
    [[ -f $f ]] || continue
    echo "--- tail ${f##*/}"
    tail -c 20000 "$f" | tr '\r' '\n' | grep -v '^\(Progress\|Seeding\)' | tail -12 | cut -c1-240
  done
  echo "FAIL $*"; exit 1
}

mkdir -p "$W/seed" "$W/leech"
if [[ -z $URL ]]; then
  OWN_TRACKER=1
  [[ -n ${UDP:-} ]] && URL=udp://127.0.0.1:$OTP/announce || URL=http://127.0.0.1:$OTP/announce
fi
echo "direction=$DIRECTION mib=$MIB url=$URL dir=$W" >&2
head -c $((MIB * 1024 * 1024)) /dev/urandom > "$W/seed/payload.bin"
WANT=$(sha256sum < "$W/seed/payload.bin" | cut -d' ' -f1)
mktorrent -a "$URL" -o "$W/t.torrent" "$W/seed/payload.bin" >/dev/null 2>&1 || fail "mktorrent"
HASH=$(transmission-show "$W/t.torrent" | awk '$1 == "Hash:" {print $2; exit}')
[[ $HASH =~ ^[0-9a-f]{40}$ ]] || fail "no info-hash from transmission-show"

if [[ -n ${OWN_TRACKER:-} ]]; then
  # As root, opentracker chroot()s into tracker.rootdir and setuid()s to "nobody" before its
  # whitelist thread opens the file (else "Can't open accesslist file" and every announce is
  # "not authorized"): so the dir must be 755 and the name relative (= /whitelist in the chroot;
  # not root: it chdir()s there instead, and the relative name still works).
  mkdir -m 755 "$W/ot"; echo "$HASH" > "$W/ot/whitelist"; chmod 644 "$W/ot/whitelist"
  printf 'listen.tcp_udp 127.0.0.1:%s\ntracker.rootdir %s\naccess.whitelist whitelist\n' \
    "$OTP" "$W/ot" > "$W/tracker.conf"
  start opentracker "${OT_BIN:-opentracker}" -f "$W/tracker.conf" >"$W/opentracker.log" 2>&1
  # probe: event=stopped for an unknown peer adds nobody, but says whether the hash is allowed
  Q="info_hash=$(sed 's/../%&/g' <<<"$HASH")&peer_id=-PROBE0-000000000000&port=9&uploaded=0"
  Q+="&downloaded=0&left=0&compact=1&event=stopped"
  for i in $(seq 1 50); do
    R=$(curl -s --max-time 2 "http://127.0.0.1:$OTP/announce?$Q" | tr -d '\0')
    [[ $R == d*complete* ]] && break; sleep 0.1
  done
  kill -0 "${PIDS[-1]}" 2>/dev/null || fail "opentracker exited (port $OTP busy?)"
  [[ $R == d*complete* ]] || fail "opentracker not answering / hash not whitelisted: ${R:0:100}"
fi
if [[ -n ${MCBT_SERVER:-} ]]; then
  curl -sf -o /dev/null -H 'Content-Type: application/x-bittorrent' --data-binary @"$W/t.torrent" \
    "$MCBT_SERVER/api/torrents" || fail "publish to $MCBT_SERVER"
fi

# aria2 only does udp:// trackers through its IPv4 DHT socket ("udp is not supported yet"
# otherwise), so DHT goes on for those - with a fresh routing table and no entry point it
# knows no node, and it is bound to 127.0.0.1 by --interface like every other aria2 socket.
ARIA2=(aria2c --no-conf=true --interface=127.0.0.1 --disable-ipv6=true
  --enable-dht6=false --bt-enable-lpd=false --enable-peer-exchange=false
  --bt-tracker-interval=2 --bt-tracker-connect-timeout=5 --bt-tracker-timeout=5
  --summary-interval=0 --console-log-level=warn --log-level=info --stop-with-process=$$)
aria2_dht() {   # $1 = role, $2 = port
  if [[ $URL == udp://* ]]; then
    echo --enable-dht=true --dht-file-path="$W/dht-$1.dat" --dht-listen-port="$2"
  else echo --enable-dht=false; fi
}
tr_conf() {   # $1 = config dir, $2 = peer port
  mkdir -p "$1"
  cat > "$1/settings.json" <<EOF
{ "dht-enabled": false, "lpd-enabled": false, "pex-enabled": false, "utp-enabled": false,
  "port-forwarding-enabled": false, "rpc-enabled": false, "blocklist-enabled": false,
  "bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1",
  "peer-port": $2, "peer-port-random-on-start": false, "encryption": 1,
  "speed-limit-up-enabled": false, "speed-limit-down-enabled": false, "alt-speed-enabled": false,
  "ratio-limit-enabled": false, "idle-seeding-limit-enabled": false,
  "start-added-torrents": true, "rename-partial-files": true, "message-level": 3 }
EOF
}
# transmission-cli prints its status ("Progress: ..", "Seeding, ..") with \r and never flushes:
# to a file that is block-buffered (seen ~10 s late), hence stdbuf -o0. It never exits by itself.
TRCLI=(stdbuf -o0 transmission-cli -M -B -U -D -ep)

# seeder: verifies the data in place, then seeds until killed
if [[ $SEEDER == aria2 ]]; then
  start seeder "${ARIA2[@]}" $(aria2_dht seeder "$SP") --log="$W/seeder-aria2.log" -d "$W/seed" \
    --check-integrity=true --seed-ratio=0.0 --listen-port="$SP" "$W/t.torrent" \
    >"$W/seeder-aria2.out.log" 2>&1
  READY='Verification finished successfully' SLOG=$W/seeder-aria2.log
else
  tr_conf "$W/tr-seed" "$SP"
  start seeder "${TRCLI[@]}" -g "$W/tr-seed" -w "$W/seed" -p "$SP" "$W/t.torrent" \
    >"$W/seeder-transmission.log" 2>&1
  READY='Seeding' SLOG=$W/seeder-transmission.log
fi
END=$((SECONDS + TIMEOUT))
while ((SECONDS < END)); do
  grep -q "$READY" "$SLOG" 2>/dev/null && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || fail "seeder exited"
  sleep 0.1
done
grep -q "$READY" "$SLOG" || fail "seeder never verified its data"

T0=$(date +%s.%N)
if [[ $LEECHER == aria2 ]]; then
  start leecher "${ARIA2[@]}" $(aria2_dht leecher "$LP") --log="$W/leecher-aria2.log" -d "$W/leech" \
    --seed-time=0 --file-allocation=none --listen-port="$LP" "$W/t.torrent" \
    >"$W/leecher-aria2.out.log" 2>&1
else
  tr_conf "$W/tr-leech" "$LP"
  start leecher "${TRCLI[@]}" -g "$W/tr-leech" -w "$W/leech" -p "$LP" "$W/t.torrent" \
    >"$W/leecher-transmission.log" 2>&1
fi
F=$W/leech/payload.bin SIZE=$((MIB * 1024 * 1024)) LEFT= END=$((SECONDS + TIMEOUT))
while ((SECONDS < END)); do
  # candidate = transmission renamed *.part to the final name / aria2 (--seed-time=0) logged
  # "Seeding is over" (its control file goes ~1.5 s later) - then size and sha256 decide
  if [[ -f $F && ! -e $F.part ]] && { [[ ! -e $F.aria2 ]] ||
       grep -q 'Seeding is over' "$W/leecher-aria2.log" 2>/dev/null; } &&
     [[ $(stat -c %s "$F") == "$SIZE" ]] &&
     [[ $(sha256sum < "$F" | cut -d' ' -f1) == "$WANT" ]]; then
    echo "PASS seconds=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')"
    exit 0
  fi
  [[ -n $LEFT ]] && fail "$LEFT exited without a verified copy"
  # an aria2 leecher exits when done, so a dead process gets one more look at the copy
  for j in "${!PIDS[@]}"; do
    kill -0 "${PIDS[j]}" 2>/dev/null || LEFT=${NAMES[j]}
  done
  sleep 0.1
done
fail "no complete verified copy within $TIMEOUT s"
