// The fixed parts of an `alternating` trainer (networks, loss, hooks, optimizers, latent shape) and the
// shapes of its mutable parts (tensors, random streams), shared by its D step, G step and checkpoint code.
import type { AdversarialLoss, Lookahead, Network, Optimizer, Params, Player, Regularizer, Rng, tf } from "@gantry/core";
import type { LatentDist } from "./latent.js";

export interface AlternatingSetup {
  readonly generator: Network;
  /** D after every regularizer's wrapNetwork. */
  readonly discriminator: Network;
  readonly loss: AdversarialLoss;
  readonly regularizers: readonly Regularizer[];
  /** Each regularizer's stable key: names its random stream in checkpoints. */
  readonly regularizerKeys: readonly string[];
  /** Stats key of each regularizer's penalty (undefined when it has none). */
  readonly penaltyKeys: readonly (string | undefined)[];
  /** The run's planned generator steps (the method's `steps`), when given: the length of run schedules. */
  readonly totalSteps?: number;
  readonly lookahead?: Lookahead;
  readonly gOptimizer: Optimizer;
  readonly dOptimizer: Optimizer;
  readonly latentShape: readonly number[];
  readonly latentDist: LatentDist;
  readonly emaDecay?: number;
  readonly perLayer: boolean;
  /** Classes of fake labels, when G or D is conditional. */
  readonly fakeClasses?: number;
  /** Whether the G step computes D(real): relativistic losses and look-ahead need it. */
  readonly generatorReadsReal: boolean;
}

/** The trainer's two players (docs/adr/0008): every tensor it owns. */
export interface AlternatingPlayers {
  readonly generator: Player;
  readonly discriminator: Player;
  readonly [id: string]: Player;
}

/** The players' tensors as the D and G steps read them. */
export interface TrainerTensors {
  readonly gParams: Params;
  readonly gState: Params;
  readonly dParams: Params;
  readonly dState: Params;
  readonly gOpt: Params;
  readonly dOpt: Params;
  readonly ema?: Params;
}

/** One random stream per purpose (docs/architecture.md). */
export interface TrainerRngs {
  readonly latent: Rng;
  readonly labels: Rng;
  readonly apply: Rng;
  /** One per regularizer, in list order (saved under the regularizer's key). */
  readonly regularizers: readonly Rng[];
}

/** A real batch as the D and G steps see it (labels only when D is conditional). */
export interface RealBatch {
  readonly x: tf.Tensor;
  readonly labels?: tf.Tensor;
}
