// A tiny deterministic "method" with real tensors and RNG state, plus a metric reading its sampler,
// so the executor's loop, checkpoints and resume can be tested without the model packages.
import { definePlugin, entry, Rng, tf, z, type Dataset, type Method, type Params, type Sampler } from "@gantry/core";

export function fakeMethod(params: { seed: number; totalSteps?: number }): Method {
  let w: tf.Tensor = tf.tensor1d([1, -1]);
  let rng = Rng.seeded(params.seed).split("noise");
  let step = 0;
  const sampleAt = (weights: tf.Tensor, n: number, seed: number): tf.Tensor =>
    tf.tidy(() => tf.add(tf.reshape(tf.tile(weights, [n]), [n, 2]), tf.randomNormal([n, 2], 0, 0.1, "float32", seed)));
  return {
    ...(params.totalSteps !== undefined ? { totalSteps: params.totalSteps } : {}),
    get stepCount() { return step; },
    async step() {
      const next = tf.tidy(() => tf.add(tf.mul(w, 0.9), rng.normal([2], 0, 0.01)));
      w.dispose();
      w = next;
      step++;
      const v = w.dataSync();
      return { dLoss: v[0], gLoss: v[1], dReal: 0.5, dFake: 0.5, gradNormG: Math.abs(v[0]) + 1e-3, gradNormD: Math.abs(v[1]) + 1e-3 };
    },
    sample: (n, seed) => sampleAt(w, n, seed),
    sampler: (): Sampler => ({ sampleShape: [2], sample: (n, seed) => sampleAt(w, n, seed) }),
    trained: () => undefined,
    exportState: () => ({ tensors: { "fake/w": tf.clone(w) } as Params, json: { step, rng: rng.state() } as never }),
    importState(state) {
      w.dispose();
      w = tf.clone(state.tensors["fake/w"]);
      const json = state.json as unknown as { step: number; rng: ReturnType<Rng["state"]> };
      step = json.step;
      rng = Rng.fromState(json.rng);
    },
    dispose: () => w.dispose(),
  };
}

const points: Dataset = {
  info: { name: "points", sampleShape: [2], mixture: { centres: [[1, -1]], std: 0.1 } },
  stream: () => {
    const it = {
      async next() { return { done: false as const, value: { x: tf.randomNormal([64, 2], 0, 1, "float32", 1) } }; },
      async return() { return { done: true as const, value: undefined }; },
      position: () => ({ epoch: 0, index: 0, rng: Rng.seeded(0).state() }),
      [Symbol.asyncIterator]() { return it; },
    };
    return it;
  },
};

export const fakeTrainingPlugin = definePlugin({
  name: "fake-training", version: "1.0.0",
  provides: [
    entry({ kind: "dataset", name: "points", create: () => points }),
    entry({ kind: "method", name: "drift", params: z.object({ steps: z.number().int().positive(), seed: z.number().int().default(0) }).strict(),
      inputs: { data: "dataset" }, create: (p) => fakeMethod({ seed: p.seed }) }),
    // A method that declares its own length from params other than `steps` (as AdaGAN's rounds will).
    entry({ kind: "method", name: "rounds", params: z.object({ rounds: z.number().int().positive(), perRound: z.number().int().positive() }).strict(),
      inputs: { data: "dataset" }, create: (p) => fakeMethod({ seed: 1, totalSteps: p.rounds * p.perRound }) }),
    entry({ kind: "metric", name: "mean", inputs: { generator: "sampler" }, create: (_p, inputs) => ({
      name: "mean",
      async evaluate(ctx) {
        const x = (inputs.generator as Sampler).sample(32, ctx.rng.nextSeed());
        const m = tf.tidy(() => tf.mean(x, 0));
        const [a, b] = await m.data();
        tf.dispose([x, m]);
        return { values: { meanX: a, meanY: b }, details: { n: 32 } };
      },
    }) }),
    entry({ kind: "backend", name: "cpu", create: () => ({ name: "cpu", setup: async () => { await import("@tensorflow/tfjs-backend-cpu"); await tf.setBackend("cpu"); } }) }),
  ],
});

export const fakeTrainingYaml = (steps: number): string => `name: drift
seed: 5
backend: [cpu]
nodes:
  data: { use: dataset/points }
  train: { use: method/drift, with: { data: data }, params: { steps: ${steps} } }
  mean: { use: metric/mean, with: { generator: train.sampler }, every: 4 }
  final: { use: metric/mean, with: { generator: train.sampler } }
sinks: { checkpoint: { every: 3, keep: 2 }, samples: { every: 5, n: 16 }, log: { every: 1 } }
`;
