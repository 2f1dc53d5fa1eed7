// Shared by the step benchmarks: the median wall time of single method steps after warm-up.
import type { Method } from "@gantry/core";

/** Median wall time (ms) of `n` single `method.step()` calls after `warmup` untimed ones. */
export async function medianStepMs(trainer: Method, n: number, warmup: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await trainer.step();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await trainer.step();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(n / 2)];
}
