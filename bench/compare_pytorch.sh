#!/usr/bin/env bash
# Side-by-side benchmark: ours vs the PyTorch peer (../shared/peer/torch_fmnist.py), alternating
# A B A B on the same machine, data (real Fashion-MNIST), network, batch size (64) and threads (2).
# Prints each run's JSON and the median ratios. Run with nothing else busy on the machine.
#   bench/compare_pytorch.sh [ROUNDS] [LIMIT]      defaults: 2 rounds, 12800 training images (a quick check; the
#                                                   headline in docs/benchmarks.md is "4 60000", a whole epoch,
#                                                   since our first ~150 batches run while the JVM still compiles)
#   THREADS=1 bench/compare_pytorch.sh ...          both pinned to one core (taskset), to separate the
#                                                   single-thread speed from the multi-thread scaling
# Needs: apt-get install -y python3-torch python3-numpy dataset-fashion-mnist libopenblas0-openmp
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-2}"
limit="${2:-12800}"
peer="${PEER:-$here/../shared/peer/torch_fmnist.py}"
[ -f "$peer" ] || { echo "peer script not found: $peer (set PEER=...)" >&2; exit 2; }
threads="${THREADS:-2}"
pin=""
if [ "$threads" = 1 ]; then pin="taskset -c 0"; elif [ "$threads" != 2 ]; then echo "THREADS must be 1 or 2" >&2; exit 2; fi
out="$(mktemp -d)"
for r in $(seq 1 "$rounds"); do
  $pin "$here/workbench" benchmark --json --limit "$limit" --skip-loader 2>/dev/null | tail -1 > "$out/ours.$r.json"
  echo "ours  $r: $(cat "$out/ours.$r.json")"
  $pin /usr/bin/python3 "$peer" --threads "$threads" --epochs 1 --limit "$limit" --keep-memory --json 2>/dev/null | tail -1 > "$out/peer.$r.json"
  echo "peer  $r: $(cat "$out/peer.$r.json")"
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
d, n = sys.argv[1], int(sys.argv[2])
ours = [json.load(open(f"{d}/ours.{i}.json")) for i in range(1, n + 1)]
peer = [json.load(open(f"{d}/peer.{i}.json")) for i in range(1, n + 1)]
def med(xs, k): return statistics.median(x[k] for x in xs)
tr = med(ours, "train_images_per_s") / med(peer, "train_images_per_s")
inf = med(ours, "infer_images_per_s") / med(peer, "infer_images_per_s")
print(f"ours train {med(ours, 'train_images_per_s'):.0f} img/s, peer {med(peer, 'train_images_per_s'):.0f} img/s")
print(f"ours infer {med(ours, 'infer_images_per_s'):.0f} img/s, peer {med(peer, 'infer_images_per_s'):.0f} img/s")
print(f"train ratio vs PyTorch: {tr:.2f}")
print(f"inference ratio vs PyTorch: {inf:.2f}")
PY
