// AdaGAN's classifier between the data (label 1) and the current mixture (label 0) (Tolstikhin et al.
// 2017, §3): trained with the logistic loss, then run once over every training point in index order.
// Its logit ℓ estimates log dP_data/dP_mixture, so h = (1 − D)/D = exp(−ℓ) feeds the reweighting.
import {
  GantryError, disposePlayers, initPlayer, replacePlayer, stepPlayer, tf,
  type Dataset, type Rng, type Network, type Optimizer, type Sampler,
} from "@gantry/core";
import { TrainingStream } from "./training-stream.js";

export interface ClassifierSetup {
  readonly network: Network;
  readonly optimizer: Optimizer;
  readonly steps: number;
  readonly batchSize?: number;
}

export interface DataScores {
  /** ℓᵢ for every training point, in the dataset's index order. */
  readonly logits: Float64Array;
  /** The classifier's accuracy on a fresh batch of each (data, mixture), after training. */
  readonly accuracy: number;
  /** Its logistic loss on that batch. */
  readonly loss: number;
}

/** The classifier must give one logit per sample of the data's shape. */
export function checkClassifier(net: Network, data: Dataset): void {
  const ok = net.outputShape.length === 1 && net.outputShape[0] === 1 && net.inputShape.join() === data.info.sampleShape.join();
  if (ok) return;
  throw new GantryError("METHOD_CLASSIFIER_SHAPE", `the AdaGAN classifier maps [${net.inputShape.join(", ")}] → [${net.outputShape.join(", ")}], but it must map one data sample [${data.info.sampleShape.join(", ")}] to one logit [1]`, {
    where: { field: "with.classifier" }, hint: `build the classifier with the data's sample shape as input and output: 1`,
  });
}

/** Mean logistic loss: data should score high, mixture samples low. */
function logisticLoss(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  return tf.add(tf.mean(tf.softplus(tf.neg(real))), tf.mean(tf.softplus(fake)));
}

/** Trains a fresh classifier (init and data order from `rng`) and scores every training point. */
export async function scoreData(data: Dataset, mixture: Sampler, setup: ClassifierSetup, rng: Rng): Promise<DataScores> {
  let player = initPlayer({ id: "classifier", network: setup.network, optimizer: setup.optimizer }, rng.split("init"));
  const stream = new TrainingStream(data, rng.split("data").nextSeed(), setup.batchSize);
  const fakes = rng.split("fakes");
  const net = setup.network;
  const logits = (params: typeof player.params, x: tf.Tensor, training: boolean) => net.apply(params, player.state, x, { training });
  try {
    for (let s = 0; s < setup.steps; s++) {
      const { x: real, y } = await stream.next(s);
      y?.dispose();
      const fake = mixture.sample(real.shape[0], fakes.nextSeed());
      const next = tf.tidy(() => {
        const step = stepPlayer(player, (params) => {
          const r = logits(params, real, true);
          const f = net.apply(params, r.state, fake, { training: true });
          return { loss: logisticLoss(r.y, f.y), aux: f.state };
        }, s);
        return { params: step.params, optState: step.optState, state: step.aux };
      });
      tf.dispose([real, fake]);
      player = replacePlayer(player, next);
    }
    const { x: real, y } = await stream.next(setup.steps);
    y?.dispose();
    const fake = mixture.sample(real.shape[0], fakes.nextSeed());
    const check = tf.tidy(() => {
      const r = logits(player.params, real, false).y;
      const f = logits(player.params, fake, false).y;
      const right = tf.add(tf.sum(tf.cast(tf.greater(r, 0), "float32")), tf.sum(tf.cast(tf.lessEqual(f, 0), "float32")));
      return tf.stack([tf.div(right, r.size + f.size), logisticLoss(r, f)]);
    });
    tf.dispose([real, fake]);
    const [accuracy, loss] = await check.data();
    check.dispose();
    return { logits: await scoreAll(data, (x) => logits(player.params, x, false).y), accuracy, loss };
  } finally {
    stream.close();
    disposePlayers({ classifier: player });
  }
}

/** f's one logit for every training point, read once in index order (the order data weights refer to). */
async function scoreAll(data: Dataset, f: (x: tf.Tensor) => tf.Tensor): Promise<Float64Array> {
  const out = new Float64Array(data.info.size ?? 0);
  let at = 0;
  for await (const { x, y } of data.stream({ order: "sequential", repeat: false, dropLast: false, batchSize: Math.min(1000, out.length) })) {
    y?.dispose();
    const scores = tf.tidy(() => tf.reshape(f(x), [-1]));
    x.dispose();
    out.set(await scores.data(), at);
    at += scores.size;
    scores.dispose();
  }
  if (at !== out.length) {
    throw new GantryError("METHOD_DATA_SIZE", `dataset "${data.info.name}" says it has ${out.length} samples but streamed ${at} in order`, {
      hint: "a dataset's info.size must be the number of samples one sequential epoch yields",
    });
  }
  return out;
}
