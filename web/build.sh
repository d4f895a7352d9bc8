#!/usr/bin/env bash
# Build the page into web/dist/, ready for any static host:
#   web/build.sh            (needs the wasm32 target: rustup target add wasm32-unknown-unknown,
#                            and the npm packages: (cd web && npm ci))
# Then serve it on localhost with:  node web/serve.mjs
set -euo pipefail
web="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$web")"
dist="${DIST:-$web/dist}"

(cd "$root" && cargo rustc --locked --quiet -p cse-pack-web --target wasm32-unknown-unknown \
  --profile web --crate-type cdylib)
wasm="$root/target/wasm32-unknown-unknown/web/cse_pack_web.wasm"

pdfjs="$web/node_modules/pdfjs-dist"
if [ ! -f "$pdfjs/build/pdf.min.mjs" ]; then
  echo "error: pdf.js is missing: run \`npm ci\` in web/ first" >&2
  exit 1
fi

rm -rf "$dist"
mkdir -p "$dist/js" "$dist/vendor"
cp "$web/index.html" "$web/style.css" "$web/worker.js" "$dist/"
cp "$web"/js/*.js "$dist/js/"
cp "$wasm" "$dist/core.wasm"
cp "$pdfjs/build/pdf.min.mjs" "$pdfjs/build/pdf.worker.min.mjs" "$dist/vendor/"
cp "$pdfjs/LICENSE" "$dist/vendor/pdfjs-LICENSE.txt"

# The service worker caches every file; its version is their hash, so a new
# build replaces the old cache.
files=$(cd "$dist" && find . -type f ! -name sw.js | sort | sed 's|^\./||')
version=$(cd "$dist" && echo "$files" | xargs sha256sum | sha256sum | cut -c1-16)
list=$(echo "$files" | sed 's|.*|"&"|' | paste -sd, -)
sed -e "s|__VERSION__|cse-pack-$version|" -e "s|__FILES__|[\"./\",$list]|" "$web/sw.js" > "$dist/sw.js"

echo "built $dist ($(du -sh "$dist" | cut -f1), core.wasm $(( $(stat -c %s "$dist/core.wasm") / 1024 )) KB)"
