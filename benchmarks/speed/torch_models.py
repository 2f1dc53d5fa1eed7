"""The two benchmarks/speed models that benchmarks/torch_train_step.py lacks, as full PyTorch training steps.

- "wgan-gp": the DCGAN-28 generator and a critic without batch norm (Gantry's dcganDiscriminator with
  norm "none": conv 1->64, leakyReLU 0.2, conv 64->128 with bias, leakyReLU, linear 6272->1), Wasserstein
  loss plus lambda = 10 times (||grad D(x_hat)|| - 1)^2 at x_hat = a real + (1 - a) fake (one a per sample;
  norm sqrt(sum g^2 + 1e-12) as Gantry's), Adam(1e-4, (0.5, 0.9)), ONE critic step per generator step.
- "unrolled5": Metz et al. 2017's ring settings (G 256-128-128-2, D 2-128-1, tanh; G Adam(1e-3), D
  Adam(1e-4), betas (0.5, 0.999)); G's loss is taken against D after K = 5 differentiable Adam updates
  continuing D's own moments and step count (what @gantry/unrolled-optimizer does), each on the G step's
  real batch and fakes (batches "same"), second order through functional_call (torch.func, or torch.nn.utils.stateless before 2.0).
Not what they do: data loading (random tensors of the right shape), batch norm in the critic.
"""
import sys
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F
try:
    from torch.func import functional_call
except ImportError:  # torch < 2.0 (Debian's 1.13): the same function under its older name
    from torch.nn.utils.stateless import functional_call

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from torch_train_step import dcgan, image_batch, ring_batch  # noqa: E402


def critic(width=64):
    return nn.Sequential(
        nn.Conv2d(1, width, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(width, 2 * width, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(7 * 7 * 2 * width, 1))


def gradient_penalty(d, real, fake):
    a = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (a * real + (1 - a) * fake).requires_grad_(True)
    (g,) = torch.autograd.grad(d(x_hat).sum(), x_hat, create_graph=True)
    norm = torch.sqrt(g.pow(2).flatten(1).sum(1) + 1e-12)
    return ((norm - 1) ** 2).mean()


def wgan_gp_step(batch=64, latent=100, weight=10.0):
    g, _ = dcgan()
    d = critic()
    g_opt = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.5, 0.9))
    d_opt = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.5, 0.9))

    def step():
        real = image_batch(batch)
        with torch.no_grad():
            fake = g(torch.randn(batch, latent))
        d_loss = d(fake).mean() - d(real).mean() + weight * gradient_penalty(d, real, fake)
        d_opt.zero_grad(set_to_none=True)
        d_loss.backward()
        d_opt.step()
        g_loss = -d(g(torch.randn(batch, latent))).mean()
        g_opt.zero_grad(set_to_none=True)
        g_loss.backward()
        g_opt.step()
        return d_loss.item() + g_loss.item()

    return step


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.Tanh())
    return nn.Sequential(*layers)


def d_loss_of(d, params, real, fake):
    return F.softplus(-functional_call(d, params, (real,))).mean() + F.softplus(functional_call(d, params, (fake,))).mean()


def adam_lookahead(d, d_opt, real, fake, k):
    """theta_D^K after k Adam updates from D's params and optimizer state, on the autograd tape."""
    group = d_opt.param_groups[0]
    lr, (b1, b2), eps = group["lr"], group["betas"], group["eps"]
    names = [n for n, _ in d.named_parameters()]
    params = dict(d.named_parameters())
    state = [d_opt.state[p] for p in params.values()]
    m = [s["exp_avg"] for s in state]
    v = [s["exp_avg_sq"] for s in state]
    t = float(state[0]["step"])
    for _ in range(k):
        t += 1
        grads = torch.autograd.grad(d_loss_of(d, params, real, fake), list(params.values()), create_graph=True)
        m = [b1 * mi + (1 - b1) * g for mi, g in zip(m, grads)]
        v = [b2 * vi + (1 - b2) * g * g for vi, g in zip(v, grads)]
        bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
        params = {n: p - lr * (mi / bc1) / (torch.sqrt(vi / bc2) + eps) for n, p, mi, vi in zip(names, params.values(), m, v)}
    return params


def unrolled_step(k=5, batch=512, latent=256):
    g, d = mlp([latent, 128, 128, 2]), mlp([2, 128, 1])
    g_opt = torch.optim.Adam(g.parameters(), lr=1e-3, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.5, 0.999))

    def step():
        real = ring_batch(batch)
        with torch.no_grad():
            fake = g(torch.randn(batch, latent))
        d_loss = F.softplus(-d(real)).mean() + F.softplus(d(fake)).mean()
        d_opt.zero_grad(set_to_none=True)
        d_loss.backward()
        d_opt.step()
        fake = g(torch.randn(batch, latent))
        ahead = adam_lookahead(d, d_opt, real, fake, k)
        g_loss = F.softplus(-functional_call(d, ahead, (fake,))).mean()
        grads = torch.autograd.grad(g_loss, list(g.parameters()))
        for p, gr in zip(g.parameters(), grads):
            p.grad = gr
        g_opt.step()
        return d_loss.item() + g_loss.item()

    return step
