#!/usr/bin/env bash
# Takes the documentation screenshots: runs the real workbench under a virtual X server on the bundled
# sample dataset, visits each screen in the light and dark themes, and writes docs/images/*.png.
#   docs/screenshots.sh                      sample-datasets/fashion-mini -> docs/images
#   docs/screenshots.sh DATASET [OUT_DIR]    another dataset or output folder
# Needs JDK 17+, Maven, Xvfb and ImageMagick (installed with apt-get when missing and allowed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dataset="${1:-$here/sample-datasets/fashion-mini}"
out="${2:-$here/docs/images}"
width=1400
height=900

if ! command -v xvfb-run >/dev/null || ! command -v convert >/dev/null; then
  echo "screenshots: installing xvfb and imagemagick..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq xvfb imagemagick >/dev/null
fi

mkdir -p "$out"
# Through the launcher, so the tour's training runs with the same native settings and JVM flags as the app.
xvfb-run -a -s "-screen 0 ${width}x${height}x24 -dpi 96" \
  env WB_MAIN_CLASS=wb.ui.ScreenshotTour WB_JAVA_OPTS="-Dprism.lcdtext=false ${WB_JAVA_OPTS:-}" \
  "$here/workbench" "$dataset" "$out" "$width" "$height"
# Drop time stamps and other metadata, so unchanged screens give byte-identical files.
for png in "$out"/*.png; do convert "$png" -strip "$png"; done
echo "screenshots: $(ls "$out"/*.png | wc -l) images in $out"
