#!/usr/bin/env python3
"""Per-layer forward and backward times of FMNIST-CNN's layers in PyTorch (2 threads, batch 64).

The counterpart of `./workbench benchmark --op-profile` on our side: it tells which of our layers is slower than
PyTorch's and by how much (docs/benchmarks.md, sixth session). Run with Debian's interpreter and the launcher's
settings, nothing else busy:

    OMP_PROC_BIND=true OMP_PLACES=cores MALLOC_TRIM_THRESHOLD_=1000000000 MALLOC_MMAP_THRESHOLD_=33554432 \\
        /usr/bin/python3 bench/torch_layers.py
"""
import time

import torch

torch.set_num_threads(2)
torch.manual_seed(0)


def timed(name, f, n=200):
    for _ in range(30):
        f()
    t0 = time.time()
    for _ in range(n):
        f()
    print("%-40s %.3f ms" % (name, (time.time() - t0) * 1000 / n))


conv1 = torch.nn.Conv2d(1, 32, 5, padding=2)
conv2 = torch.nn.Conv2d(32, 64, 5, padding=2)
pool = torch.nn.MaxPool2d(2)
dense = torch.nn.Linear(3136, 1024)
x1 = torch.rand(64, 1, 28, 28)                       # images: no gradient wanted, as for our first layer
g1 = torch.rand(64, 32, 28, 28)
x2 = torch.rand(64, 32, 14, 14, requires_grad=True)
g2 = torch.rand(64, 64, 14, 14)
xp1 = torch.rand(64, 32, 28, 28, requires_grad=True)
gp1 = torch.rand(64, 32, 14, 14)
xp2 = torch.rand(64, 64, 14, 14, requires_grad=True)
gp2 = torch.rand(64, 64, 7, 7)
xd = torch.rand(64, 3136, requires_grad=True)
gd = torch.rand(64, 1024)

timed("conv1 forward", lambda: conv1(x1))
timed("conv1 forward+backward (weights only)", lambda: conv1(x1).backward(g1))
timed("conv2 forward", lambda: conv2(x2))
timed("conv2 forward+backward", lambda: conv2(x2).backward(g2))
timed("pool1 forward+backward", lambda: pool(xp1).backward(gp1))
timed("pool2 forward+backward", lambda: pool(xp2).backward(gp2))
timed("dense forward", lambda: dense(xd))
timed("dense forward+backward", lambda: dense(xd).backward(gd))
