// One live training run in the page: the backend, the trainer built from the settings' spec, its step
// statistics, and mode coverage (@gantry/metrics' modeCoverage on 1000 fixed-seed samples) every N
// steps. Every tensor it makes is read with `await data()` (webgpu cannot read synchronously) and
// disposed; tf.memory().numTensors is recorded with each coverage point so a leak shows.
import { tf, type StepStats } from "@gantry/core";
import { featureMatrix, highQualityRadius, modeCoverage } from "@gantry/metrics";
import { activateBackend, type BackendChoice } from "./backend-choice.js";
import { buildTrainer, type LiveRun } from "./build-trainer.js";
import { decisionSurface, type Extent, type Surface } from "./decision-surface.js";
import { buildSpec, type PlaygroundSettings } from "./spec.js";

export interface CoveragePoint {
  readonly step: number;
  readonly modesCaptured: number;
  readonly totalModes: number;
  /** Share of samples within the high-quality radius of their nearest mode. */
  readonly highQuality: number;
  /** Mean distance of a sample to its nearest mode (data units). */
  readonly meanDistance: number;
  readonly numTensors: number;
}

export interface StatsPoint {
  readonly step: number;
  readonly stats: StepStats;
}

const COVERAGE_SAMPLES = 1000;
const COVERAGE_SEED = 2024;
const PLOT_SAMPLES = 512;
const PLOT_SEED = 7;
/** Losses whose D output is a logit of P(real): the surface shows sigmoid(logit). */
const PROBABILITY_LOSSES = new Set(["non-saturating", "minimax", "relativistic-average"]);

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

function meanNearestDistance(xy: Float32Array, centres: readonly (readonly number[])[]): number {
  let total = 0;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    total += Math.min(...centres.map(([cx, cy]) => Math.hypot(xy[i] - cx, xy[i + 1] - cy)));
  }
  return total / (xy.length / 2);
}

export class TrainingSession {
  readonly stats: StatsPoint[] = [];
  readonly coverage: CoveragePoint[] = [];
  private disposed = false;

  private constructor(
    readonly settings: PlaygroundSettings,
    readonly backend: string,
    private readonly run: LiveRun,
    readonly real: Float32Array,
  ) {}

  /** Activates the backend, builds the trainer from the settings' spec and draws real points to show. */
  static async start(settings: PlaygroundSettings, choice: BackendChoice, log: (m: string) => void): Promise<TrainingSession> {
    const spec = buildSpec(settings);
    const backend = await activateBackend(choice, log);
    const run = buildTrainer(spec);
    const stream = run.data.stream({ batchSize: PLOT_SAMPLES, seed: 0 });
    const { value } = await stream.next();
    const real = await readAndDispose(value.x);
    value.y?.dispose();
    await stream.return?.();
    const session = new TrainingSession(settings, backend, run, real);
    await session.measure();
    return session;
  }

  get step(): number {
    return this.run.trainer.stepCount;
  }

  get extent(): Extent {
    const r = Math.max(...this.run.mixture.centres.flat().map(Math.abs)) + 1.5;
    return { min: -r, max: r };
  }

  get centres(): readonly (readonly number[])[] {
    return this.run.mixture.centres;
  }

  get radius(): number {
    return highQualityRadius(this.run.mixture.std, 2);
  }

  async trainStep(): Promise<StepStats> {
    const stats = await this.run.trainer.step();
    this.stats.push({ step: this.step, stats });
    return stats;
  }

  /** modeCoverage on COVERAGE_SAMPLES samples of the same latent draw each time, so changes are G's. */
  async measure(): Promise<CoveragePoint> {
    const xy = await readAndDispose(this.run.trainer.sample(COVERAGE_SAMPLES, COVERAGE_SEED));
    const result = modeCoverage(featureMatrix(xy, COVERAGE_SAMPLES, 2), this.run.mixture);
    const point = {
      step: this.step, modesCaptured: result.modesCaptured, totalModes: result.totalModes, highQuality: result.highQuality,
      meanDistance: meanNearestDistance(xy, this.run.mixture.centres), numTensors: tf.memory().numTensors,
    };
    this.coverage.push(point);
    return point;
  }

  /** PLOT_SAMPLES fixed-latent samples, split by generator for MAD-GAN. */
  async fakeSamples(): Promise<Float32Array[]> {
    const k = this.settings.madganGenerators;
    if (k <= 1) return [await readAndDispose(this.run.trainer.sample(PLOT_SAMPLES, PLOT_SEED))];
    const each = Math.ceil(PLOT_SAMPLES / k);
    const out: Float32Array[] = [];
    for (let i = 0; i < k; i++) out.push(await readAndDispose(this.run.trainer.sampler(`generator.${i}`).sample(each, PLOT_SEED + i)));
    return out;
  }

  surface(size: number): Promise<Surface | undefined> {
    const s = this.settings;
    const scale = s.madganGenerators > 1 || PROBABILITY_LOSSES.has(s.loss) ? "probability" : "critic";
    return decisionSurface(this.run.trainer, this.extent, size, scale);
  }

  dispose(): void {
    if (this.disposed) return;
    this.run.trainer.dispose();
    this.disposed = true;
  }
}
