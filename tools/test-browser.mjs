#!/usr/bin/env node
// The playground in a real browser: builds apps/playground, serves its dist/ on 127.0.0.1 (a random
// port), opens it in Debian's chromium (headless, through playwright-core, kept off the network: every
// request not to the local server is aborted), trains 300 steps on the ring on wasm through the page's
// test hook and checks that the samples moved onto the modes (modes captured, high-quality share and
// mean distance to the nearest mode, step 300 against step 0) without leaking tensors, saves
// artifacts/browser/playground-wasm.png, and validates the page's exported spec with the CLI. Then
// the same on WebGPU (SwiftShader) when chromium exposes navigator.gpu; otherwise that leg reports
// "skipped: <reason>" (a failure when GANTRY_REQUIRE_WEBGPU=1, as tools/test-webgpu.mjs).
// Needs: `npm run build` (packages and the CLI), chromium (apt-get install chromium).
// Usage: node tools/test-browser.mjs [--steps 300] [--webgpu-steps 20] [--headed]
/* global window, navigator -- the page.evaluate callbacks run in the page */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlayground } from "../apps/playground/build.mjs";
import { serveDist } from "../apps/playground/serve.mjs";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "artifacts", "browser");
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const STEPS = arg("--steps", 300);
// SwiftShader runs tfjs-webgpu's many small dispatches on the CPU at ~2.5 s a step here, so the WebGPU
// leg trains fewer steps and checks them against the wasm leg's numbers at the same step (same seeds).
const WEBGPU_STEPS = Math.min(STEPS, arg("--webgpu-steps", 20));
const COVERAGE_EVERY = WEBGPU_STEPS;
/**
 * Mean distance to the nearest mode, webgpu vs wasm after WEBGPU_STEPS steps (data units; modes are 2
 * from the origin). The kernels differ in float32 rounding only: 9e-9 apart on SwiftShader here; 1e-3
 * leaves room for a hardware GPU's fused multiply-adds over 20 steps and still catches a wrong kernel.
 */
const PARITY_TOLERANCE = 1e-3;
const REQUIRE_WEBGPU = process.env.GANTRY_REQUIRE_WEBGPU === "1";

/** Flags that keep chromium off the network and quiet: no updates, sync, metrics uploads or first-run pages. */
const OFFLINE_FLAGS = [
  "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only",
  "--disable-breakpad", "--disable-client-side-phishing-detection", "--no-pings", "--disable-features=OptimizationHints,MediaRouter",
];
/** WebGPU on SwiftShader (CPU Vulkan), which Debian's chromium ships. */
const WEBGPU_FLAGS = ["--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-vulkan=swiftshader", "--use-angle=swiftshader", "--disable-vulkan-surface", "--ignore-gpu-blocklist"];

async function loadPlaywright() {
  try {
    return await import("playwright-core");
  } catch {
    throw new Error("test-browser: playwright-core is not installed: npm install -D playwright-core (it downloads no browser)");
  }
}

function fail(message) {
  console.error(`test-browser: FAIL: ${message}`);
  process.exitCode = 1;
}

/** Opens the page with `flags`, keeps it on 127.0.0.1, and collects its console errors. */
async function openPage(chromium, url, flags) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: !process.argv.includes("--headed"), args: [...OFFLINE_FLAGS, ...flags] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 760 } });
  const blocked = [];
  await page.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "127.0.0.1") return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => window.gantryPlayground !== undefined, undefined, { timeout: 30_000 });
  return { browser, page, errors, blocked };
}

function checkLearned(label, result, steps) {
  const first = result.coverage[0];
  const last = result.coverage[result.coverage.length - 1];
  const row = (c) => `step ${String(c.step).padStart(4)}: modes ${c.modesCaptured}/${c.totalModes}, high quality ${(100 * c.highQuality).toFixed(1)} %, mean distance to nearest mode ${c.meanDistance.toFixed(3)}, tensors ${c.numTensors}`;
  console.log(`${label}: ${row(first)}\n${" ".repeat(label.length)}  ${row(last)}`);
  if (last.step !== first.step + steps) fail(`${label}: trained to step ${last.step}, expected ${first.step + steps}`);
  const better = last.highQuality > first.highQuality || last.modesCaptured > first.modesCaptured;
  if (!better) fail(`${label}: neither the high-quality share nor the modes captured rose over ${steps} steps`);
  if (!(last.meanDistance < first.meanDistance)) fail(`${label}: the mean distance to the nearest mode did not fall (${first.meanDistance} → ${last.meanDistance})`);
  // Tensors alive between coverage points must not grow with steps: every op of the loop is disposed.
  const mid = result.coverage[Math.floor(result.coverage.length / 2)];
  if (last.numTensors > mid.numTensors) fail(`${label}: tensors grew from ${mid.numTensors} (step ${mid.step}) to ${last.numTensors} (step ${last.step}): a leak`);
  if (result.error) fail(`${label}: the page reported: ${result.error}`);
}

/** The same seeds on webgpu and wasm: the samples at the same step should agree to float32 rounding. */
function checkParity(webgpu, wasm) {
  const last = webgpu.coverage[webgpu.coverage.length - 1];
  const same = wasm.coverage.find((c) => c.step === last.step);
  if (!same) return fail(`webgpu: the wasm leg has no coverage point at step ${last.step}`);
  const gap = Math.abs(last.meanDistance - same.meanDistance);
  if (gap > PARITY_TOLERANCE) fail(`webgpu: mean distance to the nearest mode at step ${last.step} is ${last.meanDistance.toFixed(4)}, wasm's ${same.meanDistance.toFixed(4)} (tolerance ${PARITY_TOLERANCE})`);
  else console.log(`webgpu: at step ${last.step} mean distance ${last.meanDistance.toFixed(4)} vs wasm ${same.meanDistance.toFixed(4)} (|Δ| ${gap.toExponential(1)} ≤ ${PARITY_TOLERANCE})`);
}

/**
 * Other settings, a few steps each on wasm: each path the page draws differently (MAD-GAN's k + 1-way
 * D and per-generator samples, a critic surface, D wrapped by spectral norm or instance noise, the
 * unrolled look-ahead) must train, export a spec the CLI validates, and leave no tensors behind.
 */
const SMOKE = [
  { madganGenerators: 4, regularizer: "none" },
  { madganGenerators: 1, loss: "minimax", regularizer: "instance-noise", unrolledSteps: 3 },
  { unrolledSteps: 0, dataset: "grid", loss: "wasserstein", regularizer: "gradient-penalty" },
  { dataset: "ring", loss: "hinge", regularizer: "spectral-norm" },
  { loss: "non-saturating", regularizer: "roth" },
];
const SMOKE_STEPS = 10;

async function smokeCases(page) {
  for (const settings of SMOKE) {
    const label = `wasm ${JSON.stringify(settings)}`;
    await page.evaluate((s) => window.gantryPlayground.setup({ ...s, coverageEvery: 5 }), settings);
    const r = await page.evaluate((n) => window.gantryPlayground.train(n), SMOKE_STEPS);
    const [first, mid, last] = [r.coverage[0], r.coverage[1], r.coverage[r.coverage.length - 1]];
    if (r.error) fail(`${label}: the page reported: ${r.error}`);
    else if (last.step !== SMOKE_STEPS) fail(`${label}: trained to step ${last.step}, expected ${SMOKE_STEPS}`);
    else if (last.numTensors > mid.numTensors) fail(`${label}: tensors grew from ${mid.numTensors} to ${last.numTensors}`);
    else if (!Object.values(r.last ?? {}).every(Number.isFinite)) fail(`${label}: non-finite step statistics ${JSON.stringify(r.last)}`);
    else console.log(`${label}: ${SMOKE_STEPS} steps, mean distance ${first.meanDistance.toFixed(3)} → ${last.meanDistance.toFixed(3)}, tensors ${last.numTensors}`);
    validateExport(label, await page.evaluate(() => window.gantryPlayground.exportSpec()));
  }
}

/** Validates the page's exported YAML with the CLI, so the export cannot drift from what `gantry run` accepts. */
function validateExport(label, yaml) {
  const dir = mkdtempSync(join(tmpdir(), "gantry-playground-"));
  try {
    const file = join(dir, "exported.yaml");
    writeFileSync(file, yaml);
    const r = spawnSync(process.execPath, [join(ROOT, "packages/cli/dist/bin.js"), "validate", file], { encoding: "utf8" });
    if (r.status !== 0) fail(`${label}: gantry validate rejected the exported spec:\n${r.stdout}${r.stderr}\n${yaml}`);
    else console.log(`${label}: gantry validate accepts the exported spec`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function wasmLeg(chromium, url) {
  const t0 = performance.now();
  const { browser, page, errors, blocked } = await openPage(chromium, url, []);
  try {
    const setup = await page.evaluate((every) => window.gantryPlayground.setup({ backend: "wasm", dataset: "ring", coverageEvery: every }), COVERAGE_EVERY);
    if (setup.backend !== "wasm") fail(`wasm: the page set up ${setup.backend}`);
    const result = await page.evaluate((n) => window.gantryPlayground.train(n), STEPS);
    checkLearned("wasm", result, STEPS);
    await page.screenshot({ path: join(ARTIFACTS, "playground-wasm.png"), fullPage: true });
    validateExport("wasm", await page.evaluate(() => window.gantryPlayground.exportSpec()));
    await smokeCases(page);
    if (errors.length) fail(`wasm: the page logged errors:\n  ${errors.join("\n  ")}`);
    if (blocked.length) console.log(`wasm: aborted ${blocked.length} request(s) off 127.0.0.1: ${blocked.slice(0, 3).join(", ")}`);
    console.log(`wasm: ${STEPS} steps in the page, ${((performance.now() - t0) / 1000).toFixed(1)} s in all; screenshot artifacts/browser/playground-wasm.png`);
    return result;
  } finally {
    await browser.close();
  }
}

function skipWebgpu(reason) {
  if (REQUIRE_WEBGPU) fail(`webgpu: ${reason}, but GANTRY_REQUIRE_WEBGPU=1`);
  else console.log(`webgpu: skipped: ${reason}`);
}

async function webgpuLeg(chromium, url, wasm) {
  const t0 = performance.now();
  const { browser, page, errors } = await openPage(chromium, url, WEBGPU_FLAGS);
  try {
    const probe = await page.evaluate(async () => {
      if (!navigator.gpu) return { ok: false, reason: "chromium exposes no navigator.gpu" };
      const adapter = await navigator.gpu.requestAdapter().catch((e) => ({ error: String(e) }));
      if (!adapter || adapter.error) return { ok: false, reason: `navigator.gpu.requestAdapter() gave ${adapter?.error ?? "null"}` };
      const info = adapter.info ?? {};
      return { ok: true, adapter: `${info.vendor ?? "?"} ${info.architecture ?? ""} ${info.description ?? ""}`.trim() };
    });
    if (!probe.ok) return skipWebgpu(probe.reason);
    console.log(`webgpu: adapter ${probe.adapter}`);
    const setup = await page.evaluate((every) => window.gantryPlayground.setup({ backend: "webgpu", allowSoftware: true, dataset: "ring", coverageEvery: every }), COVERAGE_EVERY)
      .catch((e) => ({ error: String(e).split("\n")[0] }));
    if (setup.error || setup.backend !== "webgpu") return skipWebgpu(`the page could not set up webgpu: ${setup.error ?? setup.backend}`);
    const t1 = performance.now();
    const result = await page.evaluate((n) => window.gantryPlayground.train(n), WEBGPU_STEPS);
    console.log(`webgpu: set up in ${((t1 - t0) / 1000).toFixed(1)} s, ${WEBGPU_STEPS} steps in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    checkLearned("webgpu", result, WEBGPU_STEPS);
    checkParity(result, wasm);
    await page.screenshot({ path: join(ARTIFACTS, "playground-webgpu.png"), fullPage: true });
    const serious = errors.filter((e) => !/powerPreference|GPU stall|Automatic fallback/i.test(e));
    if (serious.length) fail(`webgpu: the page logged errors:\n  ${serious.join("\n  ")}`);
    console.log(`webgpu: ${WEBGPU_STEPS} steps in the page, ${((performance.now() - t0) / 1000).toFixed(1)} s in all; screenshot artifacts/browser/playground-webgpu.png`);
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(`test-browser: no chromium at ${CHROMIUM}: apt-get install chromium (Debian's; playwright-core downloads no browser), or set CHROMIUM_PATH`);
    process.exit(1);
  }
  const { chromium } = await loadPlaywright();
  const { out } = await buildPlayground();
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serveDist(out);
  const url = `http://127.0.0.1:${server.address().port}/`;
  try {
    const wasm = await wasmLeg(chromium, url);
    await webgpuLeg(chromium, url, wasm);
  } finally {
    server.close();
  }
  console.log(process.exitCode ? "test-browser: FAILED" : "test-browser: ok");
}

await main().catch((e) => {
  console.error(`test-browser: ${e.stack ?? e}`);
  process.exit(1);
});
