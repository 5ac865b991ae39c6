#!/usr/bin/env bash
# The window's own cost to training, measured inside one GUI process (no JVM-to-JVM variation):
#   bench/gui_window_ab.sh [RUNS] [EPOCHS] [DATASET]     defaults: 3 runs, 9 epochs, sample-datasets/fashion-mini
# Each run trains from the Train screen (wb.ui.TrainingBenchmark, -Dwb.bench.alternate=true) with the screen on show
# during odd epochs and the Data screen (nothing redrawn while training) during even ones. Epoch 1 is left out (it
# fills the decoded-image cache); every even epoch is paired with the odd one after it. Prints each run's JSON line,
# each pair's shown/hidden ratio and the median over all pairs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
epochs="${2:-9}"
dataset="$(cd "${3:-$here/sample-datasets/fashion-mini}" && pwd)"
command -v xvfb-run >/dev/null || { echo "gui_window_ab: needs xvfb-run (apt-get install xvfb)" >&2; exit 2; }
[ "$epochs" -ge 3 ] || { echo "gui_window_ab: needs at least 3 epochs" >&2; exit 2; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"$here/workbench" models >/dev/null   # build once, outside the timings
ratios=()
for r in $(seq 1 "$runs"); do
  line=$(xvfb-run -a -s "-screen 0 1400x900x24" env WB_MAIN_CLASS=wb.ui.TrainingBenchmark \
      WB_JAVA_OPTS="-Dwb.bench.probe=false -Dwb.bench.alternate=true" "$here/workbench" "$dataset" "$epochs" 2>"$log" |
      grep '^{"front_end":"gui"' || true)
  [ -n "$line" ] || { echo "gui_window_ab: the GUI run failed:" >&2; tail -20 "$log" >&2; exit 1; }
  echo "$line"
  rates=$(echo "$line" | sed 's/.*"images_per_s":\[\([^]]*\)\].*/\1/' | tr , ' ')
  pairs=$(echo "$rates" | awk '{for (e = 2; e + 1 <= NF; e += 2) printf "%.3f ", $(e + 1) / $e}')
  echo "run $r: shown/hidden per pair of epochs: $pairs"
  ratios+=($pairs)
done
printf '%s\n' "${ratios[@]}" | sort -g |
  awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "Train screen shown / hidden: %.3f (median of %d pairs of epochs, %.3f to %.3f)\n", m, NR, v[1], v[NR]}'
