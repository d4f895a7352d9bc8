#!/bin/sh
# Batch benchmark: N organisations (default 5000) × every product, English,
# one process, measured with /usr/bin/time -v (wall time and peak RSS).
# Pass several binaries to compare them side by side in one run:
#   cargo build --release && benches/batch.sh 5000 target/release/cse-pack
#   benches/batch.sh 200 /tmp/cse-pack-before target/release/cse-pack
# Progress lines go to stderr every few seconds (CSE_PACK_PROGRESS_EVERY).
# LOGOS=distinct gives every row its own 600 x 400 logo (made with python3),
# as a trust's schools each have theirs; by default all rows share one.
set -eu
rows=${1:-5000}
shift || true
[ $# -gt 0 ] || set -- target/release/cse-pack
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$repo/tests/fixtures/org/logo.png" "$dir/logo.png"
if [ "${LOGOS:-shared}" = distinct ]; then
    python3 - "$dir" "$rows" <<'PY'
import struct, sys, zlib
folder, rows = sys.argv[1], int(sys.argv[2])
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
for i in range(1, rows + 1):
    raw = bytearray()
    for y in range(400):
        raw.append(0)
        for x in range(600):
            raw += bytes((x * i % 256, (y * 7 + i) % 256, (x ^ y ^ i) % 256, 255))
    png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 600, 400, 8, 6, 0, 0, 0))
           + chunk(b'IDAT', zlib.compress(bytes(raw), 6)) + chunk(b'IEND', b''))
    open(f'{folder}/logo{i}.png', 'wb').write(png)
PY
fi
{
    echo "name,logo,website,dsl.name,dsl.phone,childrens-services.phone"
    i=1
    while [ "$i" -le "$rows" ]; do
        logo=logo.png
        [ "${LOGOS:-shared}" = distinct ] && logo=logo$i.png
        echo "School $i,$logo,https://example.org/$i,Ms A,0121 496 0000,0121 496 0001"
        i=$((i + 1))
    done
} > "$dir/orgs.csv"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for bin in "$@"; do
    bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
    rm -rf "$dir/out"
    (cd "$dir" && CSE_PACK_TODAY=2026-12-01 /usr/bin/time -v "$bin" build --lang en \
        --orgs orgs.csv --out out > stdout.txt 2> stderr.txt) || true
    wall=$(grep 'Elapsed (wall clock)' "$dir/stderr.txt" | sed 's/.*): //')
    rss=$(grep 'Maximum resident set size' "$dir/stderr.txt" | sed 's/.*: //')
    docs=$(find "$dir/out" -name '*.pdf' | wc -l)
    echo "$bin: $rows rows, $docs documents, wall $wall, peak RSS $((rss / 1024)) MB"
    grep -E '^(built|progress)' "$dir/stdout.txt" "$dir/stderr.txt" | tail -3 | sed 's/^/  /'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
