// A tiny real spec (ring + MLPs + alternating) that trains in seconds on wasm.
export const tinySpec = (name: string, steps: number, checkpointEvery = 10): string => `name: ${name}
seed: 11
backend: [wasm]
nodes:
  data:      { use: dataset/ring, params: { batchSize: 64 } }
  generator: { use: network/mlp, params: { input: 4, hidden: [16], output: 2 } }
  critic:    { use: network/mlp, params: { input: 2, hidden: [16], output: 1 } }
  loss:      { use: loss/non-saturating }
  train:
    use: method/alternating
    with: { data: data, generator: generator, discriminator: critic, loss: loss,
            gOptimizer: { use: optimizer/adam, params: { lr: 0.001, betas: [0.5, 0.999] } } }
    params: { steps: ${steps}, dSteps: 2 }
  coverage: { use: metric/mode-coverage, with: { generator: train.sampler, data: data }, params: { samples: 200 }, every: 10 }
sinks:
  checkpoint: { every: ${checkpointEvery}, keep: 2 }
  samples: { every: 10, n: 128 }
  log: { every: 1 }
`;
