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

# Build (or refresh) the classes and the run-time class path the same way ./workbench does.
target="$here/target"
cp_file="$target/classpath.txt"
if [ ! -f "$cp_file" ] || [ -n "$(find "$here/app/src/main" "$here/ui-resources" "$here/pom.xml" -newer "$cp_file" -print -quit 2>/dev/null)" ]; then
  echo "screenshots: building..." >&2
  build=(-q -B -Dstyle.color=never -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)
  (cd "$here" && { mvn -o "${build[@]}" 2>/dev/null || mvn "${build[@]}"; }) >&2
  touch "$cp_file"
fi

export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export LC_ALL="${LC_ALL:-C.UTF-8}"
mkdir -p "$out"
# Fixed DPI and font rendering so that screenshots do not depend on the machine's desktop settings.
xvfb-run -a -s "-screen 0 ${width}x${height}x24 -dpi 96" \
  java -Xmx2g -Dprism.lcdtext=false -Dfile.encoding=UTF-8 \
       -cp "$target/classes:$(cat "$cp_file")" wb.ui.ScreenshotTour "$dataset" "$out" "$width" "$height"

# Drop time stamps and other metadata, so unchanged screens give byte-identical files.
for png in "$out"/*.png; do convert "$png" -strip "$png"; done
echo "screenshots: $(ls "$out"/*.png | wc -l) images in $out"
