#!/usr/bin/env bash
# The fuzz tests of every surface, for longer than the test suite's budget (100,000 inputs each):
# torrents (metainfo), peer wire messages, HTTP announce/scrape queries, UDP tracker packets,
# WebSocket signalling messages, and multicast frames and NACKs.
#
#   bench/fuzz-long.sh [INPUTS_PER_SURFACE]      default 5,000,000
#
# An input that breaks a decoder is written under protocol/target/mutation-failures/ (torrents,
# peer wire); copy it to protocol/src/test/resources/corpus/ so the replay tests keep it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=${1:-5000000}
./mvnw -B -q -pl protocol -am install -DskipTests
./mvnw -B -pl protocol test -Dmcbt.fuzz.iterations="$inputs" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='io.mcbt.metainfo.MutationSmokeTest,io.mcbt.wire.MutationSmokeTest,HttpQueryFuzzTest,UdpTrackerCodecTest,SignalCodecTest,FrameFuzzTest' \
  | grep -E 'Tests run:|FAIL|ERROR' 
