// `adagan`: AdaGAN (Tolstikhin et al. 2017, "AdaGAN: Boosting Generative Models", Algorithm 1) — T rounds;
// round 1 trains a base method on the data, each later round trains a classifier between the data and the
// mixture so far, reweights the training points by the paper's closed form, trains a fresh base method on
// the reweighted data and mixes its generator in with weight β_t. The result samples as one generator.
// Each round is a whole Method (any one: `alternating` with any loss and regularizers, MAD-GAN…), kept
// after its round as a mixture component, so checkpoints and resume reuse the methods' own (docs/adr/0009).
import {
  GantryError, Rng, adam, parseOptions, prefixParams, tf, unprefixParams,
  type Dataset, type Method, type MethodState, type Params, type Sampler, type StepStats, type TrainedNetwork,
} from "@gantry/core";
import { checkClassifier, scoreData } from "./adagan-classifier.js";
import { sampleComponents } from "./adagan-mixture.js";
import { adaganSettingsSchema, type AdaganOptions, type AdaganSettings } from "./adagan-schema.js";
import { exportAdaganJson, importAdaganJson } from "./adagan-state.js";
import { dataWeights, hFromLogits, mixIn, mixtureBeta, weightSummary } from "./adagan-weights.js";

export interface AdaganTrainer extends Method {
  readonly rounds: number;
  readonly stepsPerRound: number;
  /** The round in progress (1-based); rounds + 1 once all have finished. */
  readonly round: number;
  /** Mixture weights of the finished rounds' generators (sum 1). */
  readonly alphas: readonly number[];
  /** The current round's data weights (one per training point, index order); undefined in round 1. */
  readonly dataWeights: Float32Array | undefined;
}

const WEIGHTS = "data-weights";

function parseSettings(options: AdaganOptions): AdaganSettings {
  const { data: _d, base: _b, classifier: _c, classifierOptimizer: _co, ...rest } = options;
  return parseOptions(adaganSettingsSchema, rest, "method/adagan", "see the options of adagan() in the @gantry/models README");
}

/** AdaGAN reweights training points: the data must be a finite set of samples. */
function checkFinite(data: Dataset): void {
  if (data.info.size !== undefined) return;
  throw new GantryError("METHOD_DATA_NOT_REWEIGHTABLE", `AdaGAN reweights the training points, but dataset "${data.info.name}" draws fresh points forever`, {
    where: { field: "with.data" }, hint: "give the dataset a size (a ring or grid with size: 50000 holds that many fixed points), or use a finite dataset (IDX, CIFAR-10, image folder, NPY)",
  });
}

/** The data as seen by one round: every stream draws points in proportion to `weights`. */
function reweighted(data: Dataset, weights: Float32Array): Dataset {
  return { info: data.info, stream: (options = {}) => data.stream({ ...options, weights }) };
}

class Adagan implements AdaganTrainer {
  readonly rounds: number;
  readonly stepsPerRound: number;
  private readonly root: Rng;
  private components: Method[] = [];
  private alphas_: number[] = [];
  private current: Method | undefined;
  private weights: Float32Array | undefined;
  private disposed = false;

  constructor(private readonly o: AdaganOptions, private readonly s: AdaganSettings) {
    checkFinite(o.data);
    checkClassifier(o.classifier, o.data);
    this.rounds = s.rounds;
    this.stepsPerRound = s.stepsPerRound;
    this.root = Rng.seeded(s.seed);
    this.current = this.startRound(1, undefined);
  }

  private startRound(round: number, weights: Float32Array | undefined): Method {
    return this.o.base({
      round, data: weights ? reweighted(this.o.data, weights) : this.o.data,
      seed: this.root.split(`round/${round}`).nextSeed(), steps: this.stepsPerRound,
    });
  }

  get round(): number {
    return this.components.length + 1;
  }

  get alphas(): readonly number[] {
    return this.alphas_;
  }

  get dataWeights(): Float32Array | undefined {
    return this.weights;
  }

  get stepCount(): number {
    return this.components.length * this.stepsPerRound + (this.current?.stepCount ?? 0);
  }

  get totalSteps(): number {
    return this.rounds * this.stepsPerRound;
  }

  private beta(round: number): number {
    return mixtureBeta(round, this.s.beta === "paper" ? { kind: "paper" } : { kind: "constant", value: this.s.beta });
  }

  async step(): Promise<StepStats> {
    this.assertLive();
    const current = this.current;
    if (!current) {
      throw new GantryError("METHOD_FINISHED", `all ${this.rounds} AdaGAN rounds have finished (${this.totalSteps} steps)`, {
        hint: "sample the mixture (train.sampler), or build a trainer with more rounds",
      });
    }
    const round = this.round;
    const stats = { ...(await current.step()), round };
    return current.stepCount < this.stepsPerRound ? stats : { ...stats, ...(await this.finishRound()) };
  }

  /** The round's generator joins the mixture; unless it was the last, the data is reweighted for the next. */
  private async finishRound(): Promise<StepStats> {
    const t = this.round;
    this.alphas_ = t === 1 ? [1] : mixIn(this.alphas_, this.beta(t));
    this.components = [...this.components, this.current as Method];
    this.current = undefined;
    this.weights = undefined;
    const mixture = Object.fromEntries(this.alphas_.map((a, i) => [`alpha/${i + 1}`, a]));
    if (t === this.rounds) return mixture;
    const scores = await scoreData(this.o.data, this.sampler(), {
      network: this.o.classifier, optimizer: this.o.classifierOptimizer ?? adam({ lr: 1e-3, betas: [0.5, 0.999] }),
      steps: this.s.classifierSteps, ...(this.s.classifierBatchSize !== undefined ? { batchSize: this.s.classifierBatchSize } : {}),
    }, this.root.split(`classifier/${t + 1}`));
    const beta = this.beta(t + 1);
    // Rounded to float32 once: the checkpoint stores these exact values, so a resumed round draws the same points.
    this.weights = Float32Array.from(dataWeights(hFromLogits(scores.logits), beta).weights);
    this.current = this.startRound(t + 1, this.weights);
    const summary = weightSummary(this.weights);
    return {
      ...mixture, nextBeta: beta, classifierAccuracy: scores.accuracy, classifierLoss: scores.loss,
      dataWeightEntropy: summary.entropy, zeroWeightShare: summary.zeroShare,
    };
  }

  /** n draws of the mixture of finished rounds (before round 1 finishes: the round in progress). */
  sample(n: number, seed: number, labels?: tf.Tensor): tf.Tensor {
    return this.sampler().sample(n, seed, labels);
  }

  /** "current" (the round in progress) and "round.<t>" (round t's generator alone, once finished). */
  get samplerNames(): readonly string[] {
    return ["current", ...Array.from({ length: this.rounds }, (_, i) => `round.${i + 1}`)];
  }

  /** The mixture Σ αₜ·p_gₜ of finished rounds (the round in progress until one has); or a named part of it. */
  sampler(name?: string): Sampler {
    this.assertLive();
    if (name !== undefined && !this.samplerNames.includes(name)) {
      throw new GantryError("METHOD_UNKNOWN_SAMPLER", `adagan has no sampler "${name}"`, {
        hint: `adagan's samplers: the default (train.sampler, the mixture), ${this.samplerNames.map((s) => `"${s}"`).join(", ")}`,
      });
    }
    const probe = this.components[0] ?? (this.current as Method);
    return {
      sampleShape: probe.sampler().sampleShape,
      sample: (n, seed, labels) => {
        this.assertLive();
        if (name === undefined) {
          if (this.components.length === 0) return (this.current as Method).sample(n, seed, labels);
          return sampleComponents(this.components.map((c) => c.sampler()), this.alphas_, n, seed, labels);
        }
        return this.part(name).sample(n, seed, labels);
      },
    };
  }

  private part(name: string): Method {
    if (name === "current") {
      if (this.current) return this.current;
      throw new GantryError("METHOD_SAMPLER_NOT_READY", "every AdaGAN round has finished: there is no round in progress", { hint: "sample the mixture (train.sampler) or one round (train.sampler.round.<t>)" });
    }
    const t = Number(name.slice("round.".length));
    const m = t === this.round ? this.current : this.components[t - 1];
    if (m) return m;
    throw new GantryError("METHOD_SAMPLER_NOT_READY", `AdaGAN round ${t} has not started yet (round ${this.round} is in progress)`, {
      hint: "sample it after the round has been trained",
    });
  }

  /** "round.<t>/<role>": round t's network (e.g. "round.2/generator"); other roles: the round in progress (or the last one). */
  trained(role: string): TrainedNetwork | undefined {
    const m = /^round\.(\d+)\/(.+)$/.exec(role);
    if (m) return (Number(m[1]) === this.round ? this.current : this.components[Number(m[1]) - 1])?.trained(m[2]);
    return (this.current ?? this.components[this.components.length - 1]).trained(role);
  }

  exportState(): MethodState {
    this.assertLive();
    const tensors: Record<string, tf.Tensor> = {};
    const components = this.components.map((c, i) => {
      const s = c.exportState();
      Object.assign(tensors, prefixParams(s.tensors, `component.${i + 1}`));
      return s.json;
    });
    const current = this.current?.exportState();
    if (current) Object.assign(tensors, prefixParams(current.tensors, "round"));
    if (this.weights) tensors[WEIGHTS] = tf.tensor1d(this.weights, "float32");
    return {
      tensors,
      json: exportAdaganJson({ rounds: this.rounds, stepsPerRound: this.stepsPerRound, alphas: this.alphas_, components, current: current?.json ?? null }),
    };
  }

  importState(state: MethodState): void {
    this.assertLive();
    const json = importAdaganJson(state.json, { rounds: this.rounds, stepsPerRound: this.stepsPerRound });
    const stray = Object.keys(state.tensors).filter((k) => k !== WEIGHTS && !/^(component\.\d+|round)\//.test(k));
    if (stray.length > 0) {
      throw new GantryError("METHOD_STATE_MISMATCH", `adagan.importState: unexpected tensors [${stray.slice(0, 5).join(", ")}]`, { hint: "import a state exported by an adagan trainer" });
    }
    const round = json.components.length + 1;
    const saved = state.tensors[WEIGHTS];
    if ((saved !== undefined) !== (json.current !== null && round > 1) || (saved && saved.size !== this.o.data.info.size)) {
      throw new GantryError("METHOD_STATE_MISMATCH", `adagan.importState: round ${round} ${saved ? `has ${saved.size} data weights for ${this.o.data.info.size} training points` : "lacks its data weights"}`, {
        hint: "resume on the dataset the run was started with",
      });
    }
    const weights = saved ? Float32Array.from(saved.dataSync()) : undefined;
    const built: Method[] = [];
    try {
      json.components.forEach((c, i) => {
        // A finished round never trains again: it is rebuilt on the plain data, only to hold its state.
        const m = this.startRound(i + 1, undefined);
        built.push(m);
        m.importState({ tensors: unprefixParams(state.tensors, `component.${i + 1}`) as Params, json: c });
      });
      if (json.current !== null) {
        const m = this.startRound(round, weights);
        built.push(m);
        m.importState({ tensors: unprefixParams(state.tensors, "round"), json: json.current });
      }
    } catch (e) {
      for (const m of built) m.dispose();
      throw e;
    }
    this.disposeMethods();
    this.components = built.slice(0, json.components.length);
    this.current = json.current !== null ? built[built.length - 1] : undefined;
    this.alphas_ = [...json.alphas];
    this.weights = weights;
  }

  private disposeMethods(): void {
    for (const m of this.components) m.dispose();
    this.current?.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposeMethods();
    this.disposed = true;
  }

  private assertLive(): void {
    if (this.disposed) throw new GantryError("METHOD_DISPOSED", "this adagan trainer was disposed", { hint: "create a new trainer (or importState into one)" });
  }
}

/**
 * AdaGAN: `const t = adagan({ data, base: (r) => alternating({ ...nets, loss, data: r.data, seed: r.seed, steps: r.steps }),
 * classifier, rounds: 5, stepsPerRound: 500 }); await t.step();`. Each step is one step of the round in
 * progress; the step that ends a round also trains the classifier and reweights the data for the next.
 * Diagnostics: the base method's, `round`, and at each round's end `alpha/<t>` (mixture weights),
 * `nextBeta`, `classifierAccuracy`, `classifierLoss`, `dataWeightEntropy` (nats) and `zeroWeightShare`.
 */
export function adagan(options: AdaganOptions): AdaganTrainer {
  return new Adagan(options, parseSettings(options));
}
