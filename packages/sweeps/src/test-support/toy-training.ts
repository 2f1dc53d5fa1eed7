// A tiny deterministic method (real tensors, a seeded noise stream, a checkpointable state), a 2-D
// Gaussian dataset and a mean metric on the cpu backend, so the sweep jobs can be tested without the
// model packages. A step is a few scalar ops: the tests measure the sweep, not training.
import { createRegistry, definePlugin, entry, Rng, tf, z, type BatchStream, type Dataset, type Method, type Params, type Sampler } from "@gantry/core";
import { validateSpec, type LoadedSpec } from "@gantry/pipeline";
import type { PrepareSpec } from "../train-job.js";

function toyMethod(params: { steps: number; seed: number }): Method {
  let w: tf.Tensor = tf.tensor1d([1, -1]);
  let rng = Rng.seeded(params.seed).split("noise");
  let step = 0;
  const sampleAt = (weights: tf.Tensor, n: number, seed: number): tf.Tensor =>
    tf.tidy(() => tf.add(tf.reshape(tf.tile(weights, [n]), [n, 2]), tf.randomNormal([n, 2], 0, 1, "float32", seed)));
  return {
    totalSteps: params.steps,
    get stepCount() { return step; },
    async step() {
      const next = tf.tidy(() => tf.add(tf.mul(w, 0.95), rng.normal([2], 0, 0.05)));
      w.dispose();
      w = next;
      step++;
      const [a, b] = w.dataSync();
      return { dLoss: a, gLoss: b };
    },
    sample: (n, seed) => sampleAt(w, n, seed),
    sampler: (): Sampler => ({ sampleShape: [2], sample: (n, seed) => sampleAt(w, n, seed) }),
    trained: () => undefined,
    exportState: () => ({ tensors: { "toy/w": tf.clone(w) } as Params, json: { step, rng: rng.state() } as never }),
    importState(state) {
      w.dispose();
      w = tf.clone(state.tensors["toy/w"]);
      const json = state.json as unknown as { step: number; rng: ReturnType<Rng["state"]> };
      step = json.step;
      rng = Rng.fromState(json.rng);
    },
    dispose: () => w.dispose(),
  };
}

/** Standard normal points; each stream is seeded by its options, so a batch is a function of the seed. */
const gaussian: Dataset = {
  info: { name: "gaussian", sampleShape: [2] },
  stream: (options = {}): BatchStream => {
    const rng = Rng.seeded(options.seed ?? 0);
    const size = options.batchSize ?? 64;
    const it: BatchStream = {
      async next() { return { done: false as const, value: { x: rng.normal([size, 2]) } }; },
      async return() { return { done: true as const, value: undefined }; },
      position: () => ({ epoch: 0, index: 0, rng: rng.state() }),
      [Symbol.asyncIterator]() { return it; },
    };
    return it;
  },
};

export const toyPlugin = definePlugin({
  name: "toy-training", version: "1.0.0",
  provides: [
    entry({ kind: "dataset", name: "gaussian", create: () => gaussian }),
    entry({ kind: "method", name: "toy", params: z.object({ steps: z.number().int().positive(), seed: z.number().int().default(0) }).strict(),
      inputs: { data: "dataset" }, create: (p) => toyMethod(p) }),
    entry({ kind: "metric", name: "mean", inputs: { generator: "sampler" }, create: (_p, inputs) => ({
      name: "mean",
      async evaluate(ctx) {
        const x = (inputs.generator as Sampler).sample(64, ctx.rng.nextSeed());
        const m = tf.tidy(() => tf.mean(x, 0));
        const [a, b] = await m.data();
        tf.dispose([x, m]);
        return { values: { meanX: a, meanY: b } };
      },
    }) }),
    entry({ kind: "backend", name: "cpu", create: () => ({ name: "cpu", setup: async () => { await import("@tensorflow/tfjs-backend-cpu"); await tf.setBackend("cpu"); } }) }),
  ],
});

export const toySpec = (steps: number, every = 5): string => `# a toy run
name: toy
seed: 3
backend: [cpu]
nodes:
  data: { use: dataset/gaussian }
  train: { use: method/toy, with: { data: data }, params: { steps: ${steps} } }
  final: { use: metric/mean, with: { generator: train.sampler } }
sinks:
  checkpoint: { every: ${every}, keep: 2 }
`;

/** What the CLI's prepare does, with the toy plugin only. */
export function toyPrepare(): PrepareSpec {
  const registry = createRegistry().use(toyPlugin);
  return async (loaded: LoadedSpec) => ({ registry, graph: validateSpec(loaded, registry) });
}
