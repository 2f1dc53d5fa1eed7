// A small plugin of fake entries (no tensors) with the same ports as the real ones, so the
// pipeline's validation can be tested without any plugin package.
import { definePlugin, entry, z, type Dataset, type Method, type Metric } from "@gantry/core";

const fakeDataset = (): Dataset => ({ info: { name: "ring", sampleShape: [2] }, stream: () => { throw new Error("fake"); } });
const fakeMethod = (): Method => ({
  stepCount: 0, step: async () => ({}), sample: () => { throw new Error("fake"); }, sampler: () => ({ sampleShape: [2], sample: () => { throw new Error("fake"); } }),
  trained: () => undefined, exportState: () => ({ tensors: {}, json: {} }), importState: () => {}, dispose: () => {},
});
const fakeMetric = (): Metric => ({ name: "m", evaluate: async () => ({ values: {} }) });

export const fakePlugin = definePlugin({
  name: "fake-plugin",
  version: "1.0.0",
  provides: [
    entry({ kind: "dataset", name: "ring", params: z.object({ modes: z.number().int().min(1).default(8), batchSize: z.number().int().positive().default(64) }).strict(), create: fakeDataset }),
    entry({ kind: "network", name: "mlp", params: z.object({ input: z.number().int().positive(), hidden: z.array(z.number().int().positive()).default([]), output: z.number().int().positive() }).strict(),
      create: () => ({ inputShape: [1], outputShape: [1], init: () => ({ params: {}, state: {} }), apply: () => { throw new Error("fake"); } }) }),
    entry({ kind: "loss", name: "non-saturating", params: z.object({ labelSmoothing: z.number().min(0).max(0.5).default(0) }).strict(),
      create: () => ({ output: "probability" as const, discriminator: () => { throw new Error("fake"); }, generator: () => { throw new Error("fake"); } }) }),
    entry({ kind: "optimizer", name: "adam", params: z.object({ lr: z.number().positive().default(1e-3), betas: z.tuple([z.number(), z.number()]).default([0.9, 0.999]) }).strict(),
      create: () => ({ init: () => ({}), update: () => ({ updates: {}, state: {} }) }) }),
    entry({ kind: "regularizer", name: "noise", params: z.object({ std: z.number().nonnegative().default(0.1) }).strict(),
      create: () => ({ name: "noise", transformInput: (x) => x }) }),
    entry({ kind: "method", name: "alternating",
      params: z.object({ steps: z.number().int().positive(), dSteps: z.number().int().positive().default(1), seed: z.number().int().default(0) }).strict(),
      inputs: { data: "dataset", generator: "network", discriminator: "network", loss: "loss", regularizers: ["regularizer"], gOptimizer: "optimizer?", dOptimizer: "optimizer?" },
      create: fakeMethod }),
    entry({ kind: "sink", name: "memory", params: z.object({ capacity: z.number().int().positive().default(10) }).strict(),
      create: () => ({ name: "memory", handle: () => {} }) }),
    entry({ kind: "metric", name: "mode-coverage", params: z.object({ n: z.number().int().positive().default(100) }).strict(),
      inputs: { generator: "sampler", data: "dataset" }, create: fakeMetric }),
  ],
});

export const validSpecYaml = `name: ring
seed: 3
nodes:
  data: { use: dataset/ring, params: { modes: 8 } }
  generator: { use: network/mlp, params: { input: 4, hidden: [8], output: 2 } }
  critic: { use: network/mlp, params: { input: 2, hidden: [8], output: 1 } }
  loss: { use: loss/non-saturating }
  train:
    use: method/alternating
    with: { data: data, generator: generator, discriminator: critic, loss: loss,
            gOptimizer: { use: optimizer/adam, params: { lr: 0.001 } } }
    params: { steps: 10 }
  coverage: { use: metric/mode-coverage, with: { generator: train.sampler, data: data }, every: 5 }
sinks: { checkpoint: { every: 5 } }
`;
