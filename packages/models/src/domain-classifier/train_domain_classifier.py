#!/usr/bin/python3
"""Trains the `domain-classifier` feature extractor on Fashion-MNIST and writes its weights.

A small CNN (conv32-pool-conv64-pool-dense128-dense10, ReLU) trained with Adam on the real
Fashion-MNIST training set (IDX .gz read with gzip + numpy), inputs scaled to [-1, 1] as every Gantry
image is. Writes, deterministically (seed 0, 2 threads):

  packages/models/weights/domain-classifier.safetensors   float32 weights, PyTorch layout (NCHW /
      [out, in]); written with numpy to the published safetensors format (8-byte little-endian header
      length, JSON header, raw little-endian data); the TF.js loader transposes to NHWC.
  packages/models/src/domain-classifier/fixtures/domain-classifier-logits.json   the first 16 test
      images (uint8), PyTorch's float32 logits and penultimate features for them, and the test accuracy.

Run with Debian's python3 (it has python3-torch):  /usr/bin/python3 train_domain_classifier.py
Takes ~3-5 minutes on 2 CPU cores.
"""
import gzip
import json
import struct
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent.parent
DATA = Path("/usr/share/datasets/fashion-mnist")
WEIGHTS = PACKAGE / "weights" / "domain-classifier.safetensors"
FIXTURE = HERE / "fixtures" / "domain-classifier-logits.json"
EPOCHS = 4
BATCH = 128
FIXTURE_N = 16


def read_idx(path: Path) -> np.ndarray:
    """IDX (LeCun et al.): magic (0, 0, dtype 0x08 = uint8, ndim), big-endian int32 dims, data."""
    raw = gzip.open(path, "rb").read()
    zero, dtype, ndim = raw[0:2], raw[2], raw[3]
    assert zero == b"\x00\x00" and dtype == 0x08, f"{path}: not an unsigned-byte IDX file"
    dims = struct.unpack(">" + "i" * ndim, raw[4 : 4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def to_input(images: np.ndarray) -> torch.Tensor:
    """uint8 [N, 28, 28] -> float32 [N, 1, 28, 28] in [-1, 1] (x / 127.5 - 1, as the TS side)."""
    x = images.astype(np.float32) / np.float32(127.5) - np.float32(1.0)
    return torch.from_numpy(x).unsqueeze(1)


class DomainClassifier(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.dense1 = nn.Linear(64 * 7 * 7, 128)
        self.dense2 = nn.Linear(128, 10)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return F.relu(self.dense1(torch.flatten(x, 1)))  # flatten in (C, H, W) order

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dense2(self.features(x))


def write_safetensors(path: Path, tensors: dict, metadata: dict) -> None:
    """The safetensors format with numpy alone (no Python safetensors package is installed here)."""
    header = {"__metadata__": metadata}
    chunks, offset = [], 0
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)  # pad so the data starts 8-byte aligned
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        pred = torch.cat([model(x[i : i + 1000]).argmax(1) for i in range(0, len(x), 1000)])
    return float((pred == y).float().mean())


def main() -> None:
    torch.manual_seed(0)
    torch.set_num_threads(2)
    x_train = to_input(read_idx(DATA / "train-images-idx3-ubyte.gz"))
    y_train = torch.from_numpy(read_idx(DATA / "train-labels-idx1-ubyte.gz").astype(np.int64))
    test_images = read_idx(DATA / "t10k-images-idx3-ubyte.gz")
    x_test = to_input(test_images)
    y_test = torch.from_numpy(read_idx(DATA / "t10k-labels-idx1-ubyte.gz").astype(np.int64))

    model = DomainClassifier()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(0)
    start = time.time()
    for epoch in range(EPOCHS):
        model.train()
        order = torch.randperm(len(x_train), generator=g)
        for i in range(0, len(order), BATCH):
            idx = order[i : i + BATCH]
            loss = F.cross_entropy(model(x_train[idx]), y_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        print(f"epoch {epoch + 1}: loss {loss.item():.4f} test acc {accuracy(model, x_test, y_test):.4f} ({time.time() - start:.0f} s)")

    model.eval()
    acc = accuracy(model, x_test, y_test)
    tensors = {k.replace(".", "/"): v.detach().numpy() for k, v in model.state_dict().items()}
    write_safetensors(WEIGHTS, tensors, {
        "format": "pytorch-layout", "architecture": "conv32-pool-conv64-pool-dense128-dense10",
        "input": "NCHW [N,1,28,28] in [-1,1]", "test_accuracy": f"{acc:.4f}", "epochs": str(EPOCHS),
    })
    with torch.no_grad():
        xb = x_test[:FIXTURE_N]
        feats = model.features(xb)
        logits = model.dense2(feats)
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps({
        "description": "first 16 Fashion-MNIST test images (uint8, x/127.5-1 for the net) with PyTorch float32 outputs",
        "testAccuracy": acc,
        "images": test_images[:FIXTURE_N].reshape(FIXTURE_N, -1).tolist(),
        "labels": y_test[:FIXTURE_N].tolist(),
        "logits": logits.double().numpy().round(7).tolist(),
        "features": feats.double().numpy().round(7).tolist(),
    }))
    print(f"test accuracy {acc:.4f}; wrote {WEIGHTS} ({WEIGHTS.stat().st_size} bytes) and {FIXTURE}")


if __name__ == "__main__":
    main()
