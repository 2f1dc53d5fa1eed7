"""One training step of the MLP ring GAN in PyTorch (CPU), the reference for benchmarks/train-step.ts.

Same model and step as Gantry's `alternating` with the non-saturating loss: G 256 -> 128 -> 128 -> 2 and
D 2 -> 128 -> 128 -> 1 (ReLU, nn.Linear init), batch 512 from the 8-Gaussian ring (radius 2, std 0.02),
Adam(2e-4, betas (0.5, 0.999)) for both; one D update (D on real and fake in separate calls) then one G
update. Prints JSON: {"mlp-ring": {"threads": [...], "ms": [...]}} with median ms/step per thread count.
Run: /usr/bin/python3 benchmarks/torch_train_step.py [--steps 50] [--threads 1,2]
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def ring_batch(n, modes=8, radius=2.0, std=0.02):
    k = torch.randint(0, modes, (n,))
    angle = 2 * math.pi * k.float() / modes
    centres = torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], 1)
    return centres + std * torch.randn(n, 2)


def make_step(batch=512, latent=256):
    g, d = mlp([latent, 128, 128, 2]), mlp([2, 128, 128, 1])
    g_opt = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def step():
        real = ring_batch(batch)
        with torch.no_grad():
            fake = g(torch.randn(batch, latent))
        d_loss = F.softplus(-d(real)).mean() + F.softplus(d(fake)).mean()
        d_opt.zero_grad(set_to_none=True)
        d_loss.backward()
        d_opt.step()
        g_loss = F.softplus(-d(g(torch.randn(batch, latent)))).mean()
        g_opt.zero_grad(set_to_none=True)
        g_loss.backward()
        g_opt.step()
        return d_loss.item() + g_loss.item()  # like Gantry's stats read, one sync per step

    return step


def median_ms(step, steps, warmup=10):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--threads", default="1," + str(torch.get_num_threads()))
    args = ap.parse_args()
    torch.manual_seed(0)
    threads = sorted({int(t) for t in args.threads.split(",")})
    result = []
    for t in threads:
        torch.set_num_threads(t)
        result.append(median_ms(make_step(), args.steps))
    print(json.dumps({"torch": torch.__version__, "mlp-ring": {"threads": threads, "ms": result}}))


if __name__ == "__main__":
    main()
