#!/usr/bin/env bash
# Training throughput in the GUI vs the CLI on the same run, alternating.
#   bench/gui_vs_cli.sh [ROUNDS] [EPOCHS] [DATASET]     defaults: 2 rounds, 8 epochs, sample-datasets/fashion-mini
# The GUI side is the real window under Xvfb (wb.ui.TrainingBenchmark: Train screen, live charts on screen).
# Rounds alternate the order (CLI GUI, GUI CLI, ...); each run's JSON line has the seconds the hypervisor took
# from our vCPUs meanwhile (steal_s, /proc/stat).
# Images/s are each run's per-epoch figures (metrics.csv / the GUI's epoch metrics), epoch 1 left out
# (it fills the decoded-image cache). Prints one JSON line per run, each round's GUI/CLI ratio, the ratio of the means
# and the median of the rounds' ratios (on a shared virtual machine throughput drifts by 10-20% over minutes, so
# the rounds are paired and short, and the median is the figure to quote).
# The GUI runs of the rounds leave out the FX stall probe (a task posted to the FX thread every 20 ms, which costs
# the window about a fifth of its CPU time and a user does not run); one more GUI run with the probe measures the
# worst stall. STALL_RUN=0 skips it. GUI_OPTS adds JVM options to the rounds' GUI runs (e.g. -Dwb.bench.away=true: the
# Train screen is left once training runs, so the GUI process trains with nothing redrawn).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
epochs="${2:-8}"
dataset="$(cd "${3:-$here/sample-datasets/fashion-mini}" && pwd)"
command -v xvfb-run >/dev/null || { echo "gui_vs_cli: needs xvfb-run (apt-get install xvfb)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/workbench" models >/dev/null   # build once, outside the timings

. "$here/bench/rounds.sh"
gui_run() { # LOG [JAVA_OPTS] -> the GUI's JSON line
  xvfb-run -a -s "-screen 0 1400x900x24" env WB_MAIN_CLASS=wb.ui.TrainingBenchmark WB_JAVA_OPTS="${2:-}" \
    "$here/workbench" "$dataset" "$epochs" 2>"$1" | grep '^{"front_end":"gui"' || true
}
steal_ticks() { awk '/^cpu / {print $9}' /proc/stat; }   # time the hypervisor gave our vCPUs to others
cli_all=(); gui_all=()
cli_round() { # ROUND -> sets cli
  local out="$work/cli-$1" s0 rates
  s0=$(steal_ticks)
  "$here/workbench" train --data "$dataset" --epochs "$epochs" --out "$out" >"$work/cli-$1.log" 2>&1
  rates=$(tail -n +2 "$out/metrics.csv" | awk -F, '{print $8}')
  cli=$(echo "$rates" | mean_after_first)
  echo "{\"front_end\":\"cli\",\"round\":$1,\"images_per_s\":[$(echo "$rates" | paste -sd,)],\"mean_epochs_2_on\":$cli,\"steal_s\":$(( ($(steal_ticks) - s0) / 100 ))}"
}
gui_round() { # ROUND -> sets gui
  local s0 line
  s0=$(steal_ticks)
  line=$(gui_run "$work/gui-$1.log" "-Dwb.bench.probe=false ${GUI_OPTS:-}")
  [ -n "$line" ] || { echo "gui_vs_cli: the GUI run failed:" >&2; tail -20 "$work/gui-$1.log" >&2; exit 1; }
  gui=$(echo "$line" | sed 's/.*"images_per_s":\[\([^]]*\)\].*/\1/' | tr , '\n' | mean_after_first)
  echo "${line%\}},\"round\":$1,\"mean_epochs_2_on\":$gui,\"steal_s\":$(( ($(steal_ticks) - s0) / 100 ))}"
}
for r in $(seq 1 "$rounds"); do
  # Odd rounds CLI first, even rounds GUI first (A B B A ...): a steady drift of the machine favours neither side.
  if (( r % 2 )); then cli_round "$r"; gui_round "$r"; else gui_round "$r"; cli_round "$r"; fi
  awk -v g="$gui" -v c="$cli" -v r="$r" 'BEGIN {printf "round %d: GUI/CLI %.3f\n", r, g/c}'
  cli_all+=("$cli"); gui_all+=("$gui")
done
for i in "${!cli_all[@]}"; do echo "${gui_all[$i]} ${cli_all[$i]}"; done | summarise_rounds GUI CLI
if [ "${STALL_RUN:-1}" != 0 ]; then
  line=$(gui_run "$work/gui-stall.log")
  [ -n "$line" ] || { echo "gui_vs_cli: the GUI run with the stall probe failed:" >&2; tail -20 "$work/gui-stall.log" >&2; exit 1; }
  echo "$line"
  echo "GUI with the stall probe: worst FX stall $(echo "$line" | sed 's/.*"worst_fx_stall_ms":\([0-9.]*\).*/\1/') ms, images/s (epochs 2 on) $(echo "$line" | sed 's/.*"images_per_s":\[\([^]]*\)\].*/\1/' | tr , '\n' | mean_after_first)"
fi
