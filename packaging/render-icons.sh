#!/usr/bin/env bash
# Renders assets/icons/saq.svg to the PNG sizes the .deb installs (hicolor theme).
# Needs rsvg-convert (Debian: librsvg2-bin). The PNGs are committed; run this after
# editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
for size in 256 128 64 48; do
  rsvg-convert -w "$size" -h "$size" saq.svg -o "saq-$size.png"
done
