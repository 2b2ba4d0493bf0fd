#!/bin/sh
# The tool a Linux user reaches for: libheif's own heif-convert (native, Debian's libheif-examples),
# each HEIC to a JPEG at q80, one file at a time or with xargs -P (usage: MODE OUT FILES...).
mode=$1; out=$2; shift 2
if [ "$mode" = sequential ]; then
  for f in "$@"; do heif-convert -q 80 "$f" "$out/$(basename "$f" .HEIC).jpg" >/dev/null || exit 1; done
else
  printf '%s\n' "$@" | xargs -P "$mode" -I{} sh -c 'heif-convert -q 80 "$1" "$2/$(basename "$1" .HEIC).jpg" >/dev/null' _ {} "$out"
fi
