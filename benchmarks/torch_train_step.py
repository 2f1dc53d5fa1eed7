"""One GAN training step in PyTorch (CPU), the reference for benchmarks/train-step.ts.

Same models and step as Gantry's `alternating` with the non-saturating loss and Adam(2e-4, betas
(0.5, 0.999)) for both networks; one D update (D on real and fake in separate calls) then one G update:
- "mlp-ring": G 256 -> 128 -> 128 -> 2 and D 2 -> 128 -> 128 -> 1 (ReLU, nn.Linear init), batch 512
  from the 8-Gaussian ring (radius 2, std 0.02).
- "dcgan": @gantry/models' dcganGenerator/dcganDiscriminator at width 64 for 28x28x1 (latent 100;
  G: linear (no bias) -> 7x7x128, BN, ReLU, convT 128->64 (no bias), BN, ReLU, convT 64->1, tanh;
  D: conv 1->64, leakyReLU 0.2, conv 64->128 (no bias), BN, leakyReLU, linear 6272->1), batch 64; real
  images are uniform noise in [-1, 1] (Gantry's side reads Fashion-MNIST; batching is not what is timed).
Prints JSON: {"torch": version, "<model>": {"threads": [...], "ms": [...]}} with median ms/step.
Run: /usr/bin/python3 benchmarks/torch_train_step.py [--steps 50] [--conv-steps 10] [--threads 1,2]
     [--models mlp-ring,dcgan]
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


class Project(nn.Module):
    """z -> a base x base x C map (NCHW here; Gantry reads it in HWC order, which costs the same)."""

    def __init__(self, latent, base, channels):
        super().__init__()
        self.linear, self.shape = nn.Linear(latent, base * base * channels, bias=False), (channels, base, base)

    def forward(self, z):
        return self.linear(z).view(z.shape[0], *self.shape)


def dcgan(latent=100, width=64):
    g = nn.Sequential(
        Project(latent, 7, 2 * width), nn.BatchNorm2d(2 * width), nn.ReLU(),
        nn.ConvTranspose2d(2 * width, width, 4, 2, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
        nn.ConvTranspose2d(width, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, width, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(width, 2 * width, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * width), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(7 * 7 * 2 * width, 1))
    return g, d


def image_batch(n):
    return torch.rand(n, 1, 28, 28) * 2 - 1


MODELS = {
    "mlp-ring": lambda: (mlp([256, 128, 128, 2]), mlp([2, 128, 128, 1]), 512, 256, ring_batch),
    "dcgan": lambda: (*dcgan(), 64, 100, image_batch),
}


def make_step(model):
    g, d, batch, latent, real_batch = MODELS[model]()
    g_opt = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def step():
        real = real_batch(batch)
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
    ap.add_argument("--conv-steps", type=int, default=10, help="steps timed for the (slower) DCGAN")
    ap.add_argument("--models", default=",".join(MODELS))
    args = ap.parse_args()
    torch.manual_seed(0)
    threads = sorted({int(t) for t in args.threads.split(",")})
    out = {"torch": torch.__version__}
    for model in args.models.split(","):
        ms = []
        for t in threads:
            torch.set_num_threads(t)
            conv = model == "dcgan"
            ms.append(median_ms(make_step(model), args.conv_steps if conv else args.steps, warmup=3 if conv else 10))
        out[model] = {"threads": threads, "ms": ms}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
