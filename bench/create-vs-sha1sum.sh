#!/usr/bin/env bash
# Torrent creation throughput: `peer-client create` (SHA-1 of every piece, on all cores) against
# `sha1sum` (one SHA-1 over the whole file, one core) on the same file, both reading from the page
# cache. Runs each RUNS times, interleaved, and prints the medians and the ratio.
#
#   bench/create-vs-sha1sum.sh [MIB] [RUNS]        defaults: 1024 MiB, 5 runs
#
# Needs: the built client (./mvnw -pl peer-client -am package -DskipTests), coreutils, bc.
# Output:  sha1sum median_s=… mib_per_s=…
#          mcbt-create median_s=… mib_per_s=… threads=N
#          ratio mcbt/sha1sum=… (throughput; above 1 means faster)
set -euo pipefail
MIB=${1:-1024}; RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=$HERE/peer-client/target/peer-client.jar
[[ -f $JAR ]] || { echo "build the client first: ./mvnw -pl peer-client -am package -DskipTests"; exit 1; }
W=$(mktemp -d /tmp/mcbt-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
head -c $((MIB * 1024 * 1024)) /dev/urandom > "$W/data.bin"
cat "$W/data.bin" > /dev/null   # into the page cache, so both read from memory

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

ours=(); ref=()
for i in $(seq 1 "$RUNS"); do
  ref+=("$(seconds sha1sum "$W/data.bin")")
  ours+=("$(seconds java -jar "$JAR" create "$W/data.bin" --announce http://127.0.0.1:1/announce \
    -o "$W/data.torrent" --force --quiet)")
done
r=$(printf '%s\n' "${ref[@]}" | median)
o=$(printf '%s\n' "${ours[@]}" | median)
awk -v r="$r" -v o="$o" -v m="$MIB" -v n="$(nproc)" 'BEGIN {
  printf "sha1sum median_s=%.2f mib_per_s=%.0f\n", r, m / r
  printf "mcbt-create median_s=%.2f mib_per_s=%.0f threads=%d\n", o, m / o, n
  printf "ratio mcbt/sha1sum=%.2f (throughput; above 1 means faster)\n", r / o }'
