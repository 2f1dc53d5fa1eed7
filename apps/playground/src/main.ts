// The playground page: the settings form, the training loop (a few steps per animation frame, so
// the page stays responsive), the plot and charts, "Export spec", and a test hook on
// window.gantryPlayground that tools/test-browser.mjs drives.
import { isGantryError, type StepStats } from "@gantry/core";
import { drawChart, type Series } from "./charts.js";
import { initForm, readForm, syncDisabled, writeForm } from "./controls.js";
import { drawScene } from "./scatter.js";
import { DEFAULT_SETTINGS, specYaml, type PlaygroundSettings } from "./spec.js";
import { TrainingSession, type CoveragePoint } from "./training-session.js";
import type { BackendChoice } from "./backend-choice.js";

/** Training time per frame before the page draws and handles input again. */
const FRAME_BUDGET_MS = 30;
const SURFACE_SIZE = 48;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>("controls");
const status = $("status");
const errorBox = $("error");

let session: TrainingSession | undefined;
let running = false;
let loop: Promise<void> = Promise.resolve();
let coverageEvery = 50;
let rate = { at: performance.now(), step: 0, perSecond: 0 };

function nextFrame(): Promise<void> {
  // requestAnimationFrame does not fire in a hidden tab; the timeout keeps training going there.
  return new Promise((resolve) => {
    requestAnimationFrame(() => resolve());
    setTimeout(resolve, 100);
  });
}

function showError(e: unknown): void {
  const hint = isGantryError(e) && e.hint ? `\nhint: ${e.hint}` : "";
  errorBox.textContent = `${e instanceof Error ? e.message : String(e)}${hint}`;
  console.error(e);
}

function series(label: string, colour: string, s: TrainingSession, key: string): Series {
  return { label, colour, points: s.stats.filter((p) => key in p.stats).map((p) => [p.step, p.stats[key]] as const) };
}

function coverageSeries(s: TrainingSession, label: string, colour: string, value: (c: CoveragePoint) => number): Series {
  return { label, colour, points: s.coverage.map((c) => [c.step, value(c)] as const) };
}

function drawCharts(s: TrainingSession): void {
  drawChart($("chart-loss"), [series("D loss", "#d62728", s, "dLoss"), series("G loss", "#1f77b4", s, "gLoss")], { title: "losses" });
  drawChart($("chart-grad"), [series("‖∇D‖", "#d62728", s, "gradNormD"), series("‖∇G‖", "#1f77b4", s, "gradNormG")], { title: "gradient norms" });
  drawChart($("chart-coverage"), [
    coverageSeries(s, "modes captured", "#2ca02c", (c) => c.modesCaptured / c.totalModes),
    coverageSeries(s, "high quality", "#ff7f0e", (c) => c.highQuality),
  ], { title: "mode coverage (share)", yRange: [0, 1] });
}

function updateRate(s: TrainingSession): void {
  const now = performance.now();
  if (now - rate.at < 1000) return;
  rate = { at: now, step: s.step, perSecond: ((s.step - rate.step) * 1000) / (now - rate.at) };
}

async function render(): Promise<void> {
  const s = session;
  if (!s) return;
  const [fake, surface] = await Promise.all([s.fakeSamples(), s.surface(SURFACE_SIZE)]);
  drawScene($("scene"), { extent: s.extent, surface, real: s.real, fake, centres: s.centres, radius: s.radius });
  drawCharts(s);
  updateRate(s);
  const c = s.coverage[s.coverage.length - 1];
  status.textContent = `step ${s.step} on ${s.backend}${running ? ` · ${rate.perSecond.toFixed(0)} steps/s` : " · paused"}\n` +
    `modes ${c.modesCaptured}/${c.totalModes} · high quality ${(100 * c.highQuality).toFixed(1)} % (step ${c.step}) · tensors ${c.numTensors}`;
}

async function stop(): Promise<void> {
  running = false;
  await loop;
}

/** Trains until step `until` or until paused, drawing once per frame. */
async function advance(s: TrainingSession, until: number): Promise<void> {
  while (running && s.step < until) {
    const t0 = performance.now();
    while (s.step < until && performance.now() - t0 < FRAME_BUDGET_MS) {
      await s.trainStep();
      if (s.step % coverageEvery === 0) await s.measure();
    }
    await render();
    await nextFrame();
  }
}

/** Starts a loop to `until`; resolves when it ends (reached, paused or failed). */
function start(s: TrainingSession, until: number): Promise<void> {
  running = true;
  rate = { at: performance.now(), step: s.step, perSecond: 0 };
  loop = advance(s, until).catch(showError).finally(() => {
    running = false;
    $("play").textContent = "Train";
    void render();
  });
  $("play").textContent = "Pause";
  return loop;
}

/** Disposes the current run and builds a new one from the form. */
async function reset(): Promise<TrainingSession> {
  await stop();
  session?.dispose();
  session = undefined;
  errorBox.textContent = "";
  const values = readForm(form);
  coverageEvery = values.coverageEvery;
  status.textContent = `setting up ${values.backend.backend}…`;
  session = await TrainingSession.start(values.settings, values.backend, (m) => console.info(m));
  await render();
  return session;
}

async function ensureSession(): Promise<TrainingSession> {
  return session ?? reset();
}

function exportSpec(): string {
  const yaml = specYaml(readForm(form).settings);
  ($("spec") as HTMLTextAreaElement).value = yaml;
  const link = $<HTMLAnchorElement>("spec-download");
  URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
  $("spec-box").classList.remove("hidden");
  return yaml;
}

function wire(): void {
  const guard = (f: () => Promise<unknown> | unknown) => () => Promise.resolve().then(f).catch(showError);
  $("play").addEventListener("click", guard(async () => {
    if (running) return stop();
    void start(await ensureSession(), Infinity);
  }));
  $("step").addEventListener("click", guard(async () => {
    await stop();
    const s = await ensureSession();
    await start(s, s.step + 1);
  }));
  $("reset").addEventListener("click", guard(reset));
  $("export").addEventListener("click", guard(exportSpec));
  form.addEventListener("change", guard(() => {
    syncDisabled(form);
    return reset();
  }));
}

type HookValues = Partial<PlaygroundSettings> & Partial<BackendChoice> & { coverageEvery?: number };

/** The test hook (tools/test-browser.mjs): set up, train n steps, read the history, export the spec. */
const hook = {
  async setup(values: HookValues = {}): Promise<{ backend: string; step: number }> {
    await firstRun;
    writeForm(form, values);
    const s = await reset();
    return { backend: s.backend, step: s.step };
  },
  async train(n: number): Promise<{ backend: string; step: number; coverage: readonly CoveragePoint[]; last?: StepStats; error?: string }> {
    await firstRun;
    await stop();
    const s = await ensureSession();
    await start(s, s.step + n);
    if (s.coverage[s.coverage.length - 1].step !== s.step) await s.measure();
    await render();
    return { backend: s.backend, step: s.step, coverage: s.coverage, last: s.stats[s.stats.length - 1]?.stats, ...(errorBox.textContent ? { error: errorBox.textContent } : {}) };
  },
  exportSpec,
};

declare global {
  interface Window { gantryPlayground: typeof hook }
}

initForm(form, DEFAULT_SETTINGS);
wire();
const firstRun = reset().then(() => undefined, showError);
window.gantryPlayground = hook;
