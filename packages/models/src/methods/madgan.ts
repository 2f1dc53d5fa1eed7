// `madgan`: MAD-GAN (Ghosh et al. 2018, "Multi-Agent Diverse GANs", Algorithm 1) — k generators, sharing
// layers, against one discriminator with k + 1 outputs that must say which generator made a fake, so the
// generators spread over the data's modes. Built on players (docs/adr/0008): "generator" (all k) and
// "discriminator". Not MAD-GAN-Sim's similarity term; no conditional generators, no look-ahead.
import {
  GantryError, Rng, adam, parseOptions, disposePlayers, exportPlayers, importPlayers, initPlayer, replacePlayer, tf, trainedPlayer,
  type Method, type MethodState, type Network, type Players, type Regularizer, type Sampler, type StepStats, type TrainedNetwork,
} from "@gantry/core";
import { latentShapeOf } from "./latent.js";
import { defaultMadGanLoss } from "./madgan-loss.js";
import { sampleMixture, sampleOne } from "./madgan-mixture.js";
import { madganSettingsSchema, type MadganOptions, type MadganSettings } from "./madgan-schema.js";
import { exportMadganJson, importMadganJson } from "./madgan-state.js";
import { madganDiscriminatorStep, madganGeneratorStep, type MadganRngs, type MadganSetup, type PlayerUpdate } from "./madgan-step.js";
import { multiGenerator, type Sharing } from "./multi-generator-network.js";
import { penaltyKeys, regularizerKeys, wrapDiscriminator } from "./regularizer-hooks.js";
import { readStats } from "./read-stats.js";
import { TrainingStream } from "./training-stream.js";
import { exportRegularizerStreams, importRegularizerStreams, regularizerStreams } from "./trainer-streams.js";
import type { ScalarStats } from "./step-diagnostics.js";

export interface MadganTrainer extends Method {
  /** k, the number of generators. */
  readonly generators: number;
  readonly shared: Sharing;
  readonly dSteps: number;
  /** Total generator steps the run plans (the plugin's `steps`), when given. */
  readonly steps?: number;
}

function parseSettings(options: MadganOptions): MadganSettings {
  const { data: _d, generator: _g, discriminator: _di, loss: _l, regularizers: _r, gOptimizer: _go, dOptimizer: _do, ...rest } = options;
  return parseOptions(madganSettingsSchema, rest, "method/madgan", "see the options of madgan() in the @gantry/models README");
}

/** D must output k + 1 logits: column 0 "real", column i + 1 "generator i". */
function checkDiscriminator(d: Network, k: number): void {
  if (d.outputShape.length === 1 && d.outputShape[0] === k + 1) return;
  throw new GantryError("METHOD_DISCRIMINATOR_WIDTH", `the discriminator outputs [${d.outputShape.join(", ")}] per sample, but MAD-GAN with generators: ${k} needs k + 1 = ${k + 1} logits (column 0 real, column i + 1 generator i)`, {
    where: { field: "with.discriminator" }, hint: `build the discriminator with output: ${k + 1}`,
  });
}

/** The φ = l₀ − logSumExp(l₁…l_k) D that penalties see is a log-odds of "real": critic-only regularizers do not apply. */
function checkRegularizers(regularizers: readonly Regularizer[]): void {
  regularizers.forEach((r, i) => {
    if (r.requires?.lossOutput !== "critic") return;
    throw new GantryError("METHOD_REGULARIZER_LOSS", `regularizer ${r.key ?? r.name} is defined for critic scores, but MAD-GAN's D gives class logits (penalties see the log-odds of "real")`, {
      where: { field: `with.regularizers[${i}]` }, hint: "use instance-noise, roth, r1, r2, gradient-penalty or spectral-norm with madgan",
    });
  });
}

function buildSetup(o: MadganOptions, s: MadganSettings): MadganSetup {
  const k = s.generators;
  if (o.loss && o.loss.generators !== k) {
    throw new GantryError("METHOD_GENERATORS_MISMATCH", `the loss is for ${o.loss.generators} generators, but params.generators is ${k}`, {
      where: { field: "params.generators" }, hint: `set generators: ${o.loss.generators}, or create the loss with generators: ${k}`,
    });
  }
  checkDiscriminator(o.discriminator, k);
  const regularizers = o.regularizers ?? [];
  checkRegularizers(regularizers);
  const keys = regularizerKeys(regularizers);
  const latentShape = latentShapeOf(o.generator, s.latent.dim);
  return {
    generators: multiGenerator(o.generator, k, s.shared),
    discriminator: wrapDiscriminator(o.discriminator, regularizers),
    loss: o.loss ?? defaultMadGanLoss(k, s.labelSmoothing),
    regularizers, regularizerKeys: keys, penaltyKeys: penaltyKeys(regularizers, keys),
    ...(s.steps !== undefined ? { totalSteps: s.steps } : {}),
    latentShape, latentDist: s.latent.dist, perLayer: s.diagnostics.perLayer,
  };
}

// The authors' setting (MAD-GAN_synthetic): Adam, learning rate 1e-4, β₁ 0.5.
const defaultOptimizer = () => adam({ lr: 1e-4, betas: [0.5, 0.999] });

class Madgan implements MadganTrainer {
  readonly generators: number;
  readonly shared: Sharing;
  readonly dSteps: number;
  readonly steps?: number;
  private readonly setup: MadganSetup;
  private players: Players;
  private rngs: MadganRngs;
  private readonly stream: TrainingStream;
  private step_ = 0;
  private disposed = false;

  constructor(private readonly o: MadganOptions, private readonly s: MadganSettings) {
    this.generators = s.generators;
    this.shared = s.shared;
    this.dSteps = s.dSteps;
    if (s.steps !== undefined) this.steps = s.steps;
    this.setup = buildSetup(o, s);
    // The streams `alternating` uses, by the same names: with k = 1 both draw the same init, data and z.
    const root = Rng.seeded(s.seed);
    this.rngs = {
      latent: root.split("latent"), apply: root.split("apply"),
      regularizers: regularizerStreams(root, this.setup.regularizerKeys),
    };
    const dataSeed = root.split("data").nextSeed();
    const init = root.split("init");
    this.players = {
      generator: initPlayer({
        id: "generator", network: this.setup.generators.network, optimizer: o.gOptimizer ?? defaultOptimizer(),
        ...(s.ema ? { emaDecay: s.ema.decay } : {}),
      }, init),
      discriminator: initPlayer({ id: "discriminator", network: this.setup.discriminator, optimizer: o.dOptimizer ?? defaultOptimizer() }, init.split("discriminator")),
    };
    this.stream = new TrainingStream(this.o.data, dataSeed, this.s.batchSize);
  }

  get stepCount(): number {
    return this.step_;
  }

  /** The run's planned generator steps (`steps`), when given. */
  get totalSteps(): number | undefined {
    return this.s.steps;
  }

  private async nextReal(): Promise<tf.Tensor> {
    const { x, y } = await this.stream.next(this.step_);
    y?.dispose();
    return x;
  }

  private replace(id: "generator" | "discriminator", update: PlayerUpdate): void {
    const { stats: _s, ...tensors } = update;
    this.players = { ...this.players, [id]: replacePlayer(this.players[id], tensors) };
  }

  async step(): Promise<StepStats> {
    this.assertLive();
    const stats: ScalarStats[] = [];
    let real: tf.Tensor | undefined;
    try {
      for (let i = 0; i < this.dSteps; i++) {
        real?.dispose();
        real = undefined;
        real = await this.nextReal();
        const d = madganDiscriminatorStep(this.setup, this.players, this.rngs, real, this.step_);
        stats.push(d.stats);
        this.replace("discriminator", d);
      }
      const g = madganGeneratorStep(this.setup, this.players, this.rngs, (real as tf.Tensor).shape[0], this.step_);
      stats.push(g.stats);
      this.replace("generator", g);
      const result = await readStats(stats);
      this.step_++;
      return result;
    } finally {
      real?.dispose();
      for (const s of stats) tf.dispose(Object.values(s));
    }
  }

  /** n draws of the mixture: each row from generator i with probability 1/k (EMA weights when enabled). */
  sample(n: number, seed: number): tf.Tensor {
    return this.sampleWith(trainedPlayer(this.players.generator), n, seed);
  }

  private sampleWith(g: TrainedNetwork, n: number, seed: number, only?: number): tf.Tensor {
    this.assertLive();
    const draw = { seed, latentShape: this.setup.latentShape, latentDist: this.setup.latentDist };
    return only === undefined ? sampleMixture(this.setup.generators, g.params, g.state, n, draw) : sampleOne(this.setup.generators, g.params, g.state, n, draw, only);
  }

  /** "online", and "generator.<i>" for each generator alone. */
  get samplerNames(): readonly string[] {
    return ["online", ...Array.from({ length: this.generators }, (_, i) => `generator.${i}`)];
  }

  /** The mixture (EMA weights when enabled); "online": raw weights; "generator.<i>": generator i alone. */
  sampler(name?: string): Sampler {
    if (name !== undefined && !this.samplerNames.includes(name)) {
      throw new GantryError("METHOD_UNKNOWN_SAMPLER", `madgan has no sampler "${name}"`, {
        hint: `madgan's samplers: the default (train.sampler, the mixture), ${this.samplerNames.map((s) => `"${s}"`).join(", ")}`,
      });
    }
    const only = name?.startsWith("generator.") ? Number(name.slice("generator.".length)) : undefined;
    return {
      sampleShape: this.setup.generators.generator.outputShape,
      sample: (n, seed) => this.sampleWith(trainedPlayer(this.players.generator, name === "online"), n, seed, only),
    };
  }

  /**
   * "generator": the mixture as one network (row j from generator j mod k; EMA weights when enabled),
   * "generator/online" its raw weights, "generator.<i>": the user's generator with generator i's params,
   * "discriminator": D (wrapped by its regularizers), k + 1 logits.
   */
  trained(role: string): TrainedNetwork | undefined {
    const G = this.setup.generators;
    if (role === "generator") return trainedPlayer(this.players.generator);
    if (role === "generator/online") return trainedPlayer(this.players.generator, true);
    if (role === "discriminator") return trainedPlayer(this.players.discriminator, true);
    const i = /^generator\.(\d+)$/.exec(role);
    if (!i || Number(i[1]) >= G.k) return undefined;
    const g = trainedPlayer(this.players.generator);
    return { network: G.generator, params: G.paramsOf(g.params, Number(i[1])), state: G.stateOf(g.state, Number(i[1])) };
  }

  exportState(): MethodState {
    this.assertLive();
    const r = this.rngs;
    return {
      tensors: exportPlayers(this.players),
      json: exportMadganJson({
        step: this.step_,
        rng: {
          latent: r.latent.state(), apply: r.apply.state(),
          regularizers: exportRegularizerStreams(this.setup.regularizerKeys, r.regularizers),
        },
        data: this.stream.position(),
      }),
    };
  }

  importState(state: MethodState): void {
    this.assertLive();
    const json = importMadganJson(state.json, this.setup.regularizerKeys);
    const players = importPlayers(state.tensors, this.players, { method: "madgan" });
    disposePlayers(this.players);
    this.players = players;
    this.rngs = {
      latent: Rng.fromState(json.rng.latent), apply: Rng.fromState(json.rng.apply),
      regularizers: importRegularizerStreams(this.setup.regularizerKeys, json.rng.regularizers),
    };
    this.stream.reopen(json.data);
    this.step_ = json.step;
  }

  dispose(): void {
    if (this.disposed) return;
    disposePlayers(this.players);
    this.stream.close();
    this.disposed = true;
  }

  private assertLive(): void {
    if (this.disposed) throw new GantryError("METHOD_DISPOSED", "this madgan trainer was disposed", { hint: "create a new trainer (or importState into one)" });
  }
}

/**
 * MAD-GAN: `const t = madgan({ data, generator, discriminator, generators: 4 }); await t.step();` — D
 * (k + 1 outputs) updates on real and each generator's fakes, then the k generators update together.
 * Diagnostics per step: dLoss, penalty/<name>, realShare/<i>, dAccuracy, gradNormD, gLoss, gradNormG.
 */
export function madgan(options: MadganOptions): MadganTrainer {
  return new Madgan(options, parseSettings(options));
}
