// `alternating`: the standard GAN trainer (Goodfellow et al. 2014, Algorithm 1; docs/architecture.md) — k D
// updates, each on a fresh real batch, then one G update — with any loss, regularizers, look-ahead,
// optimizers, EMA of G, diagnostics and exact resume. It owns its tensors and disposes replaced ones.
import {
  GantryError, Rng, adam, parseOptions, disposePlayers, exportPlayers, importPlayers, initPlayer, replacePlayer, tf, trainedPlayer,
  type Method, type MethodState, type Network, type Player, type Sampler, type StepStats, type TrainedNetwork,
} from "@gantry/core";
import { exportJson, importJson, playerAliases } from "./alternating-checkpoint.js";
import { alternatingSettingsSchema, type AlternatingOptions, type AlternatingSettings } from "./alternating-schema.js";
import type { AlternatingPlayers, AlternatingSetup, RealBatch, TrainerRngs, TrainerTensors } from "./alternating-setup.js";
import { discriminatorStep } from "./discriminator-step.js";
import { generatorStep } from "./generator-step.js";
import { latentShapeOf, sampleLabels, sampleLatent } from "./latent.js";
import { checkRequirements, penaltyKeys, regularizerKeys, wrapDiscriminator } from "./regularizer-hooks.js";
import { readStats } from "./read-stats.js";
import { TrainingStream } from "./training-stream.js";
import { exportRegularizerStreams, importRegularizerStreams, regularizerStreams } from "./trainer-streams.js";

export interface AlternatingTrainer extends Method {
  /** Total generator steps the run plans (the plugin's `steps`), when given. */
  readonly steps?: number;
  readonly dSteps: number;
}

function parseSettings(options: AlternatingOptions): AlternatingSettings {
  const { data: _d, generator: _g, discriminator: _di, loss: _l, regularizers: _r, lookahead: _la, gOptimizer: _go, dOptimizer: _do, ...rest } = options;
  return parseOptions(alternatingSettingsSchema, rest, "method/alternating", "see the options of alternating() in the @gantry/models README");
}

function fakeClasses(g: Network, d: Network): number | undefined {
  if (g.numClasses !== undefined && d.numClasses !== undefined && g.numClasses !== d.numClasses) {
    throw new GantryError("METHOD_CLASSES_MISMATCH", `generator has ${g.numClasses} classes, discriminator ${d.numClasses}`, {
      hint: "build both conditional networks with the dataset's numClasses",
    });
  }
  return g.numClasses ?? d.numClasses;
}

function buildSetup(o: AlternatingOptions, s: AlternatingSettings): AlternatingSetup {
  const regularizers = o.regularizers ?? [];
  const keys = regularizerKeys(regularizers);
  checkRequirements(regularizers, o.loss);
  const defaultOptimizer = () => adam({ lr: 2e-4, betas: [0.5, 0.999] });
  return {
    generator: o.generator,
    discriminator: wrapDiscriminator(o.discriminator, regularizers),
    loss: o.loss,
    regularizers,
    regularizerKeys: keys,
    penaltyKeys: penaltyKeys(regularizers, keys),
    ...(s.steps !== undefined ? { totalSteps: s.steps } : {}),
    ...(o.lookahead ? { lookahead: o.lookahead } : {}),
    gOptimizer: o.gOptimizer ?? defaultOptimizer(),
    dOptimizer: o.dOptimizer ?? defaultOptimizer(),
    latentShape: latentShapeOf(o.generator, s.latent.dim),
    latentDist: s.latent.dist,
    ...(s.ema ? { emaDecay: s.ema.decay } : {}),
    perLayer: s.diagnostics.perLayer,
    ...(fakeClasses(o.generator, o.discriminator) !== undefined ? { fakeClasses: fakeClasses(o.generator, o.discriminator) } : {}),
    // A look-ahead of K = 0 is the plain step: it reads no real batch, so streams stay identical.
    generatorReadsReal: (o.lookahead?.steps ?? 0) > 0 || o.loss.generatorReadsReal === true,
  };
}

/** The two players: G (with its EMA when enabled) and the wrapped D, initialised as before players existed. */
function initPlayers(setup: AlternatingSetup, rng: Rng, emaDecay: number | undefined): AlternatingPlayers {
  return {
    generator: initPlayer({ id: "generator", network: setup.generator, optimizer: setup.gOptimizer, ...(emaDecay !== undefined ? { emaDecay } : {}) }, rng.split("generator")),
    discriminator: initPlayer({ id: "discriminator", network: setup.discriminator, optimizer: setup.dOptimizer }, rng.split("discriminator")),
  };
}

/** The players' tensors as the D and G steps read them. */
function tensorsOf(p: AlternatingPlayers): TrainerTensors {
  const { generator: g, discriminator: d } = p;
  return { gParams: g.params, gState: g.state, dParams: d.params, dState: d.state, gOpt: g.optState, dOpt: d.optState, ...(g.ema ? { ema: g.ema } : {}) };
}

class Alternating implements AlternatingTrainer {
  readonly dSteps: number;
  readonly steps?: number;
  private readonly setup: AlternatingSetup;
  private players: AlternatingPlayers;
  private rngs: TrainerRngs;
  private readonly stream: TrainingStream;
  private step_ = 0;
  private disposed = false;

  constructor(private readonly o: AlternatingOptions, private readonly s: AlternatingSettings) {
    this.dSteps = s.dSteps;
    if (s.steps !== undefined) this.steps = s.steps;
    this.setup = buildSetup(o, s);
    const root = Rng.seeded(s.seed);
    this.rngs = {
      latent: root.split("latent"), labels: root.split("labels"), apply: root.split("apply"),
      regularizers: regularizerStreams(root, this.setup.regularizerKeys),
    };
    const dataSeed = root.split("data").nextSeed();
    this.players = initPlayers(this.setup, root.split("init"), s.ema?.decay);
    this.stream = new TrainingStream(this.o.data, dataSeed, this.s.batchSize);
  }

  get stepCount(): number {
    return this.step_;
  }

  get totalSteps(): number | undefined {
    return this.steps;
  }

  private async nextReal(): Promise<RealBatch> {
    const { x, y } = await this.stream.next(this.step_);
    if (this.setup.discriminator.numClasses === undefined) {
      y?.dispose();
      return { x };
    }
    if (!y) {
      x.dispose();
      throw new GantryError("METHOD_MISSING_LABELS", "the discriminator is conditional but the dataset yields no labels", {
        where: { step: this.step_ }, hint: "use a labelled dataset, or build the discriminator without numClasses",
      });
    }
    return { x, labels: y };
  }

  /** Replaces D's tensors with a D step's results, disposing the ones no longer used. */
  private swapD(next: { dParams: Player["params"]; dState: Player["state"]; dOpt: Player["optState"] }): void {
    this.players = { ...this.players, discriminator: replacePlayer(this.players.discriminator, { params: next.dParams, state: next.dState, optState: next.dOpt }) };
  }

  /** Replaces G's tensors with a G step's results, disposing the ones no longer used. */
  private swapG(next: { gParams: Player["params"]; gState: Player["state"]; gOpt: Player["optState"]; ema?: Player["params"] }): void {
    const { gParams, gState, gOpt, ema } = next;
    this.players = { ...this.players, generator: replacePlayer(this.players.generator, { params: gParams, state: gState, optState: gOpt, ...(ema ? { ema } : {}) }) };
  }

  async step(): Promise<StepStats> {
    this.assertLive();
    const stats = [];
    let real: RealBatch | undefined;
    // The look-ahead's fresh batches are drawn here, after the D steps: its unroll runs synchronously
    // inside G's gradient, where the (asynchronous) data stream cannot be read.
    const fresh: RealBatch[] = [];
    try {
      for (let k = 0; k < this.dSteps; k++) {
        if (real) tf.dispose([real.x, ...(real.labels ? [real.labels] : [])]);
        real = undefined;
        real = await this.nextReal();
        const { stats: s, ...d } = discriminatorStep(this.setup, tensorsOf(this.players), this.rngs, real, this.step_);
        this.swapD(d);
        stats.push(s);
      }
      for (let k = 0; k < (this.setup.lookahead?.freshBatches ?? 0); k++) fresh.push(await this.nextReal());
      const { stats: s, ...g } = generatorStep(this.setup, tensorsOf(this.players), this.rngs, real as RealBatch, this.step_, fresh);
      this.swapG(g);
      stats.push(s);
      const result = await readStats(stats);
      this.step_++;
      return result;
    } finally {
      for (const b of real ? [real, ...fresh] : fresh) tf.dispose([b.x, ...(b.labels ? [b.labels] : [])]);
      for (const s of stats) tf.dispose(Object.values(s));
    }
  }

  sample(n: number, seed: number, labels?: tf.Tensor): tf.Tensor {
    return this.sampleWith(trainedPlayer(this.players.generator), n, seed, labels);
  }

  private sampleWith(g: TrainedNetwork, n: number, seed: number, labels?: tf.Tensor): tf.Tensor {
    this.assertLive();
    const G = this.setup.generator;
    return tf.tidy(() => {
      const rng = Rng.seeded(seed);
      const z = sampleLatent(rng, n, this.setup.latentShape, this.setup.latentDist);
      const y = G.numClasses !== undefined ? (labels ?? sampleLabels(rng, n, G.numClasses)) : undefined;
      return G.apply(g.params, g.state, z, y ? { training: false, labels: y } : { training: false }).y;
    });
  }

  readonly samplerNames: readonly string[] = ["online"];

  /** The trained generator (EMA weights when enabled), or with "online" its raw weights. */
  sampler(name?: string): Sampler {
    if (name !== undefined && name !== "online") {
      throw new GantryError("METHOD_UNKNOWN_SAMPLER", `alternating has no sampler "${name}"`, {
        hint: "alternating's samplers: the default (train.sampler, EMA weights when enabled) and \"online\" (train.sampler.online, raw weights)",
      });
    }
    const online = name === "online";
    return {
      sampleShape: this.setup.generator.outputShape,
      sample: (n, seed, labels) => (online ? this.sampleWith(trainedPlayer(this.players.generator, true), n, seed, labels) : this.sample(n, seed, labels)),
    };
  }

  /** "generator" (EMA weights when enabled), "generator/online" (raw weights) or "discriminator" (wrapped). */
  trained(role: string): TrainedNetwork | undefined {
    if (role === "generator") return trainedPlayer(this.players.generator);
    if (role === "generator/online") return trainedPlayer(this.players.generator, true);
    if (role === "discriminator") return trainedPlayer(this.players.discriminator);
    return undefined;
  }

  exportState(): MethodState {
    this.assertLive();
    const r = this.rngs;
    return {
      tensors: exportPlayers(this.players, playerAliases),
      json: exportJson({
        step: this.step_,
        rng: {
          latent: r.latent.state(), labels: r.labels.state(), apply: r.apply.state(),
          regularizers: exportRegularizerStreams(this.setup.regularizerKeys, r.regularizers),
        },
        data: this.stream.position(),
      }),
    };
  }

  importState(state: MethodState): void {
    this.assertLive();
    const json = importJson(state.json, this.setup.regularizerKeys);
    const players = importPlayers(state.tensors, this.players, { method: "alternating", aliases: playerAliases }) as AlternatingPlayers;
    disposePlayers(this.players);
    this.players = players;
    this.rngs = {
      latent: Rng.fromState(json.rng.latent), labels: Rng.fromState(json.rng.labels), apply: Rng.fromState(json.rng.apply),
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
    if (this.disposed) throw new GantryError("METHOD_DISPOSED", "this alternating trainer was disposed", { hint: "create a new trainer (or importState into one)" });
  }
}

/**
 * A GAN trainer: `const trainer = alternating({ data, generator, discriminator, loss }); await trainer.step();`.
 * Diagnostics per step: dLoss, gLoss, penalty/<name>, dReal/dFake/dAccuracy (probability losses) or
 * criticReal/criticFake/criticGap (critic losses), gradNormD, gradNormG (+ per param with perLayer).
 */
export function alternating(options: AlternatingOptions): AlternatingTrainer {
  return new Alternating(options, parseSettings(options));
}
