#!/bin/sh
# Regenerates the mktorrent fixtures in this folder (see README.md). Needs python3 and mktorrent 1.1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$here/single-file.torrent" "$here/multi-file.torrent"
cd "$work"

python3 - <<'PY'
import os

def data(seed, n):
    x, out = seed, bytearray()
    for _ in range(n):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        out.append(x & 0xFF)
    return bytes(out)

def write(path, seed, n):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data(seed, n))

write("sample.bin", 1, 100000)
write("sample-folder/one/a.bin", 2, 40000)
write("sample-folder/one/empty.txt", 3, 0)
write("sample-folder/two/b.bin", 4, 30000)
PY

mktorrent -d -l 15 \
  -a http://127.0.0.1:6969/announce \
  -a udp://127.0.0.1:6969/announce \
  -o "$here/single-file.torrent" sample.bin
mktorrent -d -l 15 -p \
  -a http://127.0.0.1:6969/announce \
  -c "mcbt test fixture" \
  -o "$here/multi-file.torrent" sample-folder
