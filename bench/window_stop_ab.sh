#!/usr/bin/env bash
# What the window's process costs the training worker beside it, within one run.
#   bench/window_stop_ab.sh [RUNS] [EPOCHS] [DATASET]     defaults: 4 runs, 7 epochs, sample-datasets/fashion-mini
# Each run is the real window under Xvfb (wb.ui.TrainingBenchmark: Train screen, live charts). From epoch 2 on, the
# window's process is stopped (SIGSTOP) for every other epoch and running (SIGCONT) for the others; odd runs stop the
# even epochs, even runs the odd ones. The worker's output pipe is enlarged to 1 MiB first, so that the worker never
# waits on its stopped reader. Images/s per epoch come from the worker's metrics.csv. Adjacent epochs, a few seconds
# apart, pair up far better than whole runs minutes apart (the machine's speed drifts by more than the effect).
# Prints each run's epochs with R (running) or S (stopped), then the adjacent pairs' running/stopped ratios (means,
# median, geometric mean with about 95% interval: bench/rounds.sh, each pair a "round"; neighbouring pairs share an
# epoch, so the interval is a little narrow).
# POLICY=-b puts every thread of the window in SCHED_BATCH (chrt) before training: no wake-up preemption.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-4}"
epochs="${2:-7}"
dataset="$(cd "${3:-$here/sample-datasets/fashion-mini}" && pwd)"
command -v xvfb-run >/dev/null || { echo "window_stop_ab: needs xvfb-run (apt-get install xvfb)" >&2; exit 2; }
(( epochs >= 3 )) || { echo "window_stop_ab: needs 3 epochs or more" >&2; exit 2; }
pgrep -f 'wb.train.TrainingWorker|wb.ui.TrainingBenchmark' >/dev/null && { echo "window_stop_ab: another workbench run is going" >&2; exit 2; }
work="$(mktemp -d)"
trap 'pkill -CONT -f wb.ui.TrainingBenchmark 2>/dev/null || true; rm -rf "$work"' EXIT
"$here/workbench" models >/dev/null   # build once, outside the timings

. "$here/bench/rounds.sh"

wait_for() { # SECONDS COMMAND...: polls every 50 ms
  local until=$(( SECONDS + $1 )); shift
  until "$@"; do (( SECONDS < until )) || { echo "window_stop_ab: timed out waiting for: $*" >&2; exit 1; }; sleep 0.05; done
}
pid_of() { pgrep -f "$1" | head -1; }
worker_up() { [ -n "$(pid_of wb.train.TrainingWorker)" ]; }
epochs_done() { [ -f "$metrics" ] && [ $(( $(wc -l < "$metrics") - 1 )) -ge "$1" ]; }
metrics_found() { metrics="$(ls "$tmp"/wb-bench-runs*/*/metrics.csv 2>/dev/null | head -1)"; [ -n "$metrics" ]; }

pairs="$work/pairs"
: > "$pairs"
for r in $(seq 1 "$runs"); do
  tmp="$work/run-$r"; mkdir -p "$tmp"; metrics=""
  xvfb-run -a -s "-screen 0 1400x900x24" env WB_MAIN_CLASS=wb.ui.TrainingBenchmark \
    WB_JAVA_OPTS="-Dwb.bench.probe=false -Djava.io.tmpdir=$tmp" "$here/workbench" "$dataset" "$epochs" \
    >"$tmp/gui.out" 2>"$tmp/gui.err" &
  gui=$!
  wait_for 900 worker_up
  worker="$(pid_of wb.train.TrainingWorker)"; window="$(pid_of wb.ui.TrainingBenchmark)"
  python3 -c "import fcntl, os; fd = os.open('/proc/$worker/fd/1', os.O_WRONLY); fcntl.fcntl(fd, 1031, 1 << 20); os.close(fd)"
  [ -n "${POLICY:-}" ] && chrt -a "$POLICY" -p 0 "$window"
  wait_for 900 metrics_found
  states=""
  for e in $(seq 1 $(( epochs - 1 ))); do
    wait_for 900 epochs_done "$e"
    if (( (e + r) % 2 )); then kill -STOP "$window"; states+="S"; else kill -CONT "$window"; states+="R"; fi
  done
  wait_for 900 epochs_done "$epochs"
  kill -CONT "$window"
  wait "$gui" || { echo "window_stop_ab: the GUI run failed:" >&2; tail -20 "$tmp/gui.err" >&2; exit 1; }
  rates="$(tail -n +3 "$metrics" | awk -F, '{print $8}' | paste -sd' ')"
  echo "run $r: epochs 2-$epochs $states images/s $rates"
  paste <(echo "$states" | fold -w1) <(echo "$rates" | tr ' ' '\n') | awk -v out="$pairs" '
    NR > 1 { print (s == "R" ? v " " $2 : $2 " " v) >> out } { s = $1; v = $2 }'
done
summarise_rounds running stopped < "$pairs"   # here a "round" is a pair of adjacent epochs
