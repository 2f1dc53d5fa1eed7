"""The PyTorch worker of benchmarks/speed: answers protocol.ts's JSON-line requests on stdin/stdout.

Each model's step is built once (seed 0) and warmed up once per thread count; `threads` in a request
sets torch.set_num_threads before timing. Models: "mlp-ring" and "dcgan" from
benchmarks/torch_train_step.py, "wgan-gp" and "unrolled5" from torch_models.py. Run by run.ts.
"""
import json
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from torch_train_step import make_step  # noqa: E402
from torch_models import unrolled_step, wgan_gp_step  # noqa: E402

# Warm-up per model and thread count: at least 3 steps and at least 2 s, as worker.ts warms up Gantry
# (a fresh process takes many page faults per step while its heaps grow).
WARMUP_STEPS = 3
WARMUP_SECONDS = 2.0
# Before every timed block, untimed steps for at least 0.5 s, as worker.ts does (a worker that waited
# while the others ran resumes cold).
REWARM_SECONDS = 0.5


def untimed(step, steps, seconds):
    start = time.perf_counter()
    done = 0
    while done < steps or time.perf_counter() - start < seconds:
        step()
        done += 1
BUILDERS = {
    "mlp-ring": lambda: make_step("mlp-ring"),
    "dcgan": lambda: make_step("dcgan"),
    "wgan-gp": wgan_gp_step,
    "unrolled5": unrolled_step,
}
steps_by_model = {}
warm = set()


def time_steps(model, steps, threads):
    torch.set_num_threads(threads)
    if model not in steps_by_model:
        steps_by_model[model] = BUILDERS[model]()
    step = steps_by_model[model]
    if (model, threads) not in warm:
        untimed(step, WARMUP_STEPS, WARMUP_SECONDS)
        warm.add((model, threads))
    untimed(step, 1, REWARM_SECONDS)
    ms = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1000)
    return ms


def answer(req):
    if req["op"] == "hello":
        info = {"backend": "torch", "torch": torch.__version__, "python": sys.version.split()[0],
                "interop": torch.get_num_interop_threads(), "defaultThreads": torch.get_num_threads()}
        return {"ok": True, "info": info}
    if req["op"] == "time":
        return {"ok": True, "ms": time_steps(req["model"], req["steps"], req.get("threads", 1))}
    return {"ok": False, "error": f"unknown op {req['op']}"}


def main():
    torch.manual_seed(0)
    for line in sys.stdin:
        req = json.loads(line)
        if req["op"] == "quit":
            break
        try:
            reply = answer(req)
        except Exception as e:  # noqa: BLE001 - the coordinator reports it and goes on
            reply = {"ok": False, "error": repr(e)}
        print(json.dumps({"id": req["id"], "reply": True, **reply}), flush=True)


if __name__ == "__main__":
    main()
