// Forward equality with PyTorch: every DCGAN variant in fixtures/dcgan_reference.json (made by
// fixtures/make_dcgan_reference.py from torch.nn modules in NCHW, float64) is rebuilt from the stored
// weights and run in training and eval mode. Tolerance 2e-5 absolute on outputs of magnitude O(1):
// float32 accumulation over ≤ 800-term sums and batch-norm rsqrt; measured ≤ 1.6e-6 on cpu and wasm.
import { readFileSync } from "node:fs";
import { Rng, disposeParams, tf, type Network, type Params } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { dcganDiscriminator } from "./dcgan-discriminator.js";
import { dcganGenerator } from "./dcgan-generator.js";

interface StoredTensor { readonly shape: number[]; readonly f32: string }
interface ReferenceCase {
  readonly kind: "generator" | "discriminator";
  readonly config: Record<string, unknown>;
  readonly params: Record<string, StoredTensor>;
  readonly state: Record<string, StoredTensor>;
  readonly input: StoredTensor;
  readonly labels?: number[];
  readonly train: { y: StoredTensor; state: Record<string, StoredTensor> };
  readonly eval: { y: StoredTensor };
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/dcgan_reference.json", import.meta.url), "utf8")) as {
  cases: Record<string, ReferenceCase>;
};

const TOLERANCE = 2e-5;

function values(t: StoredTensor): Float32Array {
  const bytes = Buffer.from(t.f32, "base64");
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function toTensor(t: StoredTensor): tf.Tensor {
  return tf.tensor(values(t), t.shape);
}

function toParams(stored: Record<string, StoredTensor>): Params {
  return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, toTensor(v)]));
}

function maxAbsDiff(actual: tf.Tensor, expected: StoredTensor): number {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  const e = values(expected);
  let worst = 0;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]));
  return worst;
}

function build(c: ReferenceCase): Network {
  return c.kind === "generator" ? dcganGenerator(c.config) : dcganDiscriminator(c.config);
}

describeBackends("DCGAN forward vs PyTorch", () => {
  for (const [name, c] of Object.entries(fixture.cases)) {
    it(`${name}: training and eval outputs and running statistics within ${TOLERANCE}`, async () => {
      const net = build(c);
      await expectNoTensorLeak(() => {
        const params = toParams(c.params);
        const state = toParams(c.state);
        const x = toTensor(c.input);
        const labels = c.labels ? tf.tensor1d(c.labels, "int32") : undefined;
        // Same keys and shapes as a fresh init: the fixture's layout is the network's layout.
        const fresh = net.init(Rng.seeded(1));
        expect(Object.keys(params).sort()).toEqual(Object.keys(fresh.params).sort());
        expect(Object.keys(state).sort()).toEqual(Object.keys(fresh.state).sort());
        for (const k of Object.keys(params)) expect(params[k].shape, k).toEqual(fresh.params[k].shape);
        disposeParams(fresh.params, fresh.state);

        const train = net.apply(params, state, x, { training: true, labels });
        expect(maxAbsDiff(train.y, c.train.y)).toBeLessThan(TOLERANCE);
        expect(Object.keys(train.state).sort()).toEqual(Object.keys(c.train.state).sort());
        for (const k of Object.keys(c.train.state)) expect(maxAbsDiff(train.state[k], c.train.state[k]), k).toBeLessThan(TOLERANCE);
        const evaluated = net.apply(params, state, x, { training: false, labels });
        expect(maxAbsDiff(evaluated.y, c.eval.y)).toBeLessThan(TOLERANCE);
        disposeParams(params, state, train.state, evaluated.state);
        tf.dispose([x, train.y, evaluated.y, ...(labels ? [labels] : [])]);
      });
    });
  }
});
