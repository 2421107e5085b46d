#!/bin/sh
# Puts the pinned sources of the microcontroller runtimes into build/runtimes/ (git-ignored; their
# sources are never committed):
#   wasm3 0.5.0   github.com/wasm3/wasm3                       tag v0.5.0
#   WAMR  2.4.5   github.com/bytecodealliance/wasm-micro-runtime  tag WAMR-2.4.5
# Each comes from a tarball in ../shared/runtimes (beside the repository; CALMFOOT_RUNTIMES names
# another folder) after its sha256 is checked, or else from a shallow clone of the tag whose
# commit is checked. For each runtime one line on stdout:
#   ready <name> <dir>        usable
#   skip <name> <reason>      neither source was available (e.g. CI with only Debian and npm)
# Exit status 0 even when a runtime is skipped (the callers report the skip); 1 when a source was
# found but did not match its pin, which is never silently passed over.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/runtimes"
TARBALLS=${CALMFOOT_RUNTIMES:-"$ROOT/../shared/runtimes"}
mkdir -p "$OUT"

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# fetch NAME TAG COMMIT SHA256 URL
fetch() {
  name=$1 tag=$2 commit=$3 sha=$4 url=$5
  dir="$OUT/$name"
  # The stamp records the pin the folder was made from: a folder from another pin is made again.
  if [ -f "$dir/.calmfoot-pin" ] && [ "$(cat "$dir/.calmfoot-pin")" = "$commit $sha" ]; then
    echo "ready $name $dir"
    return 0
  fi
  rm -rf "$dir" "$dir.tmp"
  tarball="$TARBALLS/$name.tar.gz"
  if [ -f "$tarball" ]; then
    got=$(sha256_of "$tarball")
    if [ "$got" != "$sha" ]; then
      echo "fetch.sh: $tarball has sha256 $got, the pin is $sha" >&2
      exit 1
    fi
    mkdir -p "$dir.tmp"
    tar -xzf "$tarball" -C "$dir.tmp"
    [ -d "$dir.tmp/$name" ] || { echo "fetch.sh: $tarball does not hold $name/" >&2; exit 1; }
    mv "$dir.tmp/$name" "$dir"
    rmdir "$dir.tmp"
  elif command -v git >/dev/null 2>&1 &&
       git clone -q --depth 1 --branch "$tag" "$url" "$dir.tmp" >/dev/null 2>&1; then
    head=$(git -C "$dir.tmp" rev-parse HEAD)
    if [ "$head" != "$commit" ]; then
      echo "fetch.sh: $url tag $tag is commit $head, the pin is $commit" >&2
      rm -rf "$dir.tmp"
      exit 1
    fi
    rm -rf "$dir.tmp/.git"
    mv "$dir.tmp" "$dir"
  else
    rm -rf "$dir.tmp"
    echo "skip $name no $tarball and no clone of $url (tag $tag)"
    return 0
  fi
  echo "$commit $sha" > "$dir/.calmfoot-pin"
  echo "ready $name $dir"
}

fetch wasm3-0.5.0 v0.5.0 6b8bcb1e07bf26ebef09a7211b0a37a446eafd52 \
  e56450ec052ba934722afc1665df761700d046d652c76c985a184cf9dbad0081 https://github.com/wasm3/wasm3
fetch wamr-2.4.5 WAMR-2.4.5 25bd7eb63e828e4bd242cc9b38d260b4b31c6605 \
  dc9331ff0dfeef3e50627c7b95db9181d6020859d7bbfcd48eb4ba2d57787221 https://github.com/bytecodealliance/wasm-micro-runtime
