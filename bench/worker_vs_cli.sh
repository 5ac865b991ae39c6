#!/usr/bin/env bash
# The Train screen's training worker on its own (no window beside it) vs the CLI, alternating: says whether a GUI/CLI
# gap (bench/gui_vs_cli.sh) belongs to the worker or to the window running beside it.
#   bench/worker_vs_cli.sh [ROUNDS] [EPOCHS] [DATASET]     defaults: 2 rounds, 3 epochs, sample-datasets/fashion-mini
# First one short GUI run under Xvfb (wb.ui.TrainingBenchmark) hands its worker a job file; the script copies that
# file and closes the window. Each round then runs `workbench train` and wb.train.TrainingWorker on that job, started
# straight from the launcher (the CLI's JVM options; standard input held open, as the window holds it; the event
# stream to a file), in alternating order. Images/s are each run's metrics.csv, epoch 1 left out; prints one JSON line
# per run ("front_end": "cli" or "worker"), the ratio of the means, the median and the geometric mean of the rounds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
epochs="${2:-3}"
dataset="$(cd "${3:-$here/sample-datasets/fashion-mini}" && pwd)"
command -v xvfb-run >/dev/null || { echo "worker_vs_cli: needs xvfb-run (apt-get install xvfb)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/workbench" models >/dev/null   # build once, outside the timings

# The job, as the Train screen writes it for this dataset and number of epochs.
xvfb-run -a -s "-screen 0 1400x900x24" env WB_MAIN_CLASS=wb.ui.TrainingBenchmark WB_JAVA_OPTS=-Dwb.bench.probe=false \
  "$here/workbench" "$dataset" "$epochs" >"$work/capture.out" 2>"$work/capture.log" &
gui=$!
worker=""
for _ in $(seq 1 600); do
  worker=$(pgrep -n -f "wb.train.TrainingWorker" || true)
  [ -n "$worker" ] && break
  kill -0 "$gui" 2>/dev/null || break
  sleep 0.2
done
[ -n "$worker" ] || { echo "worker_vs_cli: the GUI started no worker:" >&2; tail -20 "$work/capture.log" >&2; exit 1; }
cp "$(tr '\0' '\n' <"/proc/$worker/cmdline" | tail -1)" "$work/job.json"
pkill -f "wb.ui.TrainingBenchmark" || true; wait "$gui" 2>/dev/null || true
while kill -0 "$worker" 2>/dev/null; do sleep 0.5; done   # the worker stops once its window has gone
# The workers' standard input: a FIFO open for reading and writing never reaches its end, as the window's pipe does not.
mkfifo "$work/stdin"
exec 3<>"$work/stdin"

. "$here/bench/rounds.sh"
rates() { tail -n +2 "$1/metrics.csv" | awk -F, '{print $8}'; }
cli_all=(); wrk_all=()
cli_round() {
  local out="$work/cli-$1" r
  "$here/workbench" train --data "$dataset" --epochs "$epochs" --out "$out" >"$out.log" 2>&1
  r=$(rates "$out"); cli=$(echo "$r" | mean_after_first)
  echo "{\"front_end\":\"cli\",\"round\":$1,\"images_per_s\":[$(echo "$r" | paste -sd,)],\"mean_epochs_2_on\":$cli}"
}
worker_round() {
  local out="$work/worker-$1" r
  sed "s#\"runDir\":\"[^\"]*\"#\"runDir\":\"file://$out/\"#" "$work/job.json" >"$work/job-$1.json"
  WB_MAIN_CLASS=wb.train.TrainingWorker "$here/workbench" "$work/job-$1.json" <&3 >"$out.events" 2>"$out.log" ||
    { echo "worker_vs_cli: the worker failed:" >&2; tail -20 "$out.log" >&2; exit 1; }
  r=$(rates "$out"); wrk=$(echo "$r" | mean_after_first)
  echo "{\"front_end\":\"worker\",\"round\":$1,\"images_per_s\":[$(echo "$r" | paste -sd,)],\"mean_epochs_2_on\":$wrk}"
}
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then cli_round "$r"; worker_round "$r"; else worker_round "$r"; cli_round "$r"; fi
  awk -v w="$wrk" -v c="$cli" -v r="$r" 'BEGIN {printf "round %d: worker/CLI %.3f\n", r, w/c}'
  cli_all+=("$cli"); wrk_all+=("$wrk")
done
for i in "${!cli_all[@]}"; do echo "${wrk_all[$i]} ${cli_all[$i]}"; done | summarise_rounds worker CLI
