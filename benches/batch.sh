#!/bin/sh
# Batch benchmark: N organisations (default 5000) × every product, English,
# one process, measured with /usr/bin/time -v (wall time and peak RSS).
# Pass several binaries to compare them side by side in one run:
#   cargo build --release && benches/batch.sh 5000 target/release/cse-pack
#   benches/batch.sh 200 /tmp/cse-pack-before target/release/cse-pack
# Progress lines go to stderr every few seconds (CSE_PACK_PROGRESS_EVERY).
set -eu
rows=${1:-5000}
shift || true
[ $# -gt 0 ] || set -- target/release/cse-pack
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$repo/tests/fixtures/org/logo.png" "$dir/logo.png"
{
    echo "name,logo,website,dsl.name,dsl.phone,childrens-services.phone"
    i=1
    while [ "$i" -le "$rows" ]; do
        echo "School $i,logo.png,https://example.org/$i,Ms A,0121 496 0000,0121 496 0001"
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
