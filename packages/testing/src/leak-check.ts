// Leak checks: the number of live tensors must be the same before and after the code under test.
import { tf } from "@gantry/core";
import { expect } from "vitest";

/** Runs fn (sync or async) and fails if it left tensors behind; returns fn's result. */
export async function expectNoTensorLeak<T>(fn: () => T | Promise<T>, label = "code under test"): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  expect(after - before, `${label} leaked ${after - before} tensor(s)`).toBe(0);
  return result;
}

/** Runs fn `times` times and fails if the live tensor count grows between the first and last run. */
export async function expectNoTensorGrowth(fn: (i: number) => unknown, times: number, label = "loop"): Promise<void> {
  await fn(0);
  const start = tf.memory().numTensors;
  for (let i = 1; i < times; i++) await fn(i);
  const end = tf.memory().numTensors;
  expect(end - start, `${label} grew by ${end - start} tensor(s) over ${times - 1} iterations`).toBe(0);
}
