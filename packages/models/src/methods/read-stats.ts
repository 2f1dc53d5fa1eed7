// Reads a step's scalar diagnostics from the device in one transfer and averages keys that occur in
// several D steps (dSteps > 1): one sync per step instead of one per number.
import { tf, type StepStats } from "@gantry/core";
import type { ScalarStats } from "./step-diagnostics.js";

export async function readStats(list: readonly ScalarStats[]): Promise<StepStats> {
  const keys: string[] = [];
  const scalars: tf.Tensor[] = [];
  for (const stats of list) {
    for (const [k, t] of Object.entries(stats)) {
      keys.push(k);
      scalars.push(t);
    }
  }
  if (scalars.length === 0) return {};
  const stacked = tf.tidy(() => tf.stack(scalars.map((s) => tf.reshape(s, []))));
  const values = await stacked.data();
  stacked.dispose();
  const sums = new Map<string, { sum: number; n: number }>();
  keys.forEach((k, i) => {
    const e = sums.get(k) ?? { sum: 0, n: 0 };
    sums.set(k, { sum: e.sum + values[i], n: e.n + 1 });
  });
  return Object.fromEntries([...sums].map(([k, { sum, n }]) => [k, sum / n]));
}
