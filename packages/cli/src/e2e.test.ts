/// <reference lib="dom" />
// End-to-end: the real `gantry` binary on a tiny real spec; every file of the run folder is read back,
// a SIGKILLed run resumes to the same parameters, and the report renders in headless Chromium.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeSafetensors } from "@gantry/core";
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { gantry, gantryAsync, hasChromium, runFolder } from "./test-support/cli-process.js";
import { tinySpec } from "./test-support/tiny-spec.js";

const work = () => mkdtempSync(join(tmpdir(), "gantry-e2e-"));
const lines = (file: string) => readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

function finalTensors(run: string): Record<string, number[]> {
  const ckpts = readdirSync(join(run, "checkpoints")).filter((d) => d.startsWith("step-")).sort();
  const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(join(run, "checkpoints", ckpts.at(-1)!, "params.safetensors"))));
  return Object.fromEntries(Object.entries(tensors).map(([k, v]) => [k, Array.from(v.data as Float32Array)]));
}

describe("gantry run (real binary, tiny spec)", () => {
  it("trains and writes every file of the run directory", async () => {
    const cwd = work();
    writeFileSync(join(cwd, "tiny.yaml"), tinySpec("tiny", 20));
    const r = gantry(["run", "tiny.yaml", "--runs-dir", "runs"], cwd);
    expect(r.stderr).toMatch(/gantry: completed at step 20/);
    expect(r.code).toBe(0);
    const run = runFolder(join(cwd, "runs"), "tiny");
    expect(readFileSync(join(run, "spec.yaml"), "utf8")).toBe(tinySpec("tiny", 20));
    const events = lines(join(run, "events.jsonl"));
    expect(events[0]).toMatchObject({ type: "start", name: "tiny", backend: "wasm", step: 0 });
    expect(events.filter((e) => e.type === "step")).toHaveLength(20);
    expect(events.filter((e) => e.type === "checkpoint").map((e) => e.step)).toEqual([10, 20]);
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "completed", step: 20 });
    const step = events.find((e) => e.type === "step") as { stats: Record<string, number> };
    for (const k of ["dLoss", "gLoss", "dReal", "dFake", "dAccuracy", "gradNormG", "gradNormD"]) expect(Number.isFinite(step.stats[k])).toBe(true);
    const metrics = lines(join(run, "metrics.jsonl"));
    expect(metrics.map((m) => m.step)).toEqual([10, 20]);
    expect(metrics[0]).toMatchObject({ node: "coverage" });
    expect(Object.keys(metrics[0].values as object)).toEqual(expect.arrayContaining(["modes", "highQuality"]));
    const pngs = readdirSync(join(run, "samples")).sort();
    expect(pngs).toEqual(["step-000010.png", "step-000020.png"]);
    const img = decode(readFileSync(join(run, "samples", pngs[0])));
    expect(img.width).toBeGreaterThan(100);
    const state = JSON.parse(readFileSync(join(run, "checkpoints", "step-000020", "state.json"), "utf8"));
    expect(state).toMatchObject({ format: "gantry-checkpoint/1", step: 20 });
    const tensors = finalTensors(run);
    expect(Object.keys(tensors).some((k) => k.startsWith("generator/params/"))).toBe(true);
    expect(Object.keys(tensors).some((k) => k.startsWith("dOpt/"))).toBe(true);
    expect(readFileSync(join(run, "report.html"), "utf8")).toMatch(/<title>Gantry run tiny<\/title>/);

    // Using the run: sample, eval, report.
    const npy = gantry(["sample", run, "--n", "10", "--out", "s.npy"], cwd);
    expect(npy.code, npy.stderr).toBe(0);
    const bytes = readFileSync(join(cwd, "s.npy"));
    expect(bytes.subarray(1, 6).toString()).toBe("NUMPY");
    expect(bytes.toString("latin1", 0, 128)).toMatch(/'shape': \(10, 2\)/);
    expect(gantry(["sample", run, "--n", "50", "--out", "s.png"], cwd).code).toBe(0);
    expect(decode(readFileSync(join(cwd, "s.png"))).width).toBeGreaterThan(100);
    const ev = gantry(["eval", run, "--metric", "coverage"], cwd);
    expect(ev.code, ev.stderr).toBe(0);
    expect(ev.stdout).toMatch(/coverage @ step 20: modes=\d/);
    expect(existsSync(join(run, "eval.jsonl"))).toBe(true);
    expect(gantry(["report", run], cwd).stdout).toMatch(/report\.html/);

    if (hasChromium()) await expectChartsRender(join(run, "report.html"), join(cwd, "report.png"));
  });

  it("resumes a SIGKILLed run to the same parameters as an uninterrupted one", async () => {
    const cwd = work();
    writeFileSync(join(cwd, "a.yaml"), tinySpec("uninterrupted", 40, 5));
    writeFileSync(join(cwd, "b.yaml"), tinySpec("killed", 40, 5));
    expect(gantry(["run", "a.yaml", "--runs-dir", "runs"], cwd).code).toBe(0);

    const child = gantryAsync(["run", "b.yaml", "--runs-dir", "runs"], cwd);
    const killedAt = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        try {
          const run = runFolder(join(cwd, "runs"), "killed");
          const ckpts = lines(join(run, "events.jsonl")).filter((e) => e.type === "checkpoint");
          if (ckpts.length >= 2) {
            child.kill("SIGKILL");
            clearInterval(timer);
            resolve(ckpts.at(-1)!.step as number);
          }
        } catch { /* not there yet */ }
      }, 50);
      child.on("exit", () => { clearInterval(timer); reject(new Error("run finished before it could be killed")); });
    });
    await new Promise((r) => child.on("close", r));
    expect(killedAt).toBeLessThan(40);
    const run = runFolder(join(cwd, "runs"), "killed");
    const r = gantry(["resume", run], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming at step \d+/);
    expect(finalTensors(run)).toEqual(finalTensors(runFolder(join(cwd, "runs"), "uninterrupted")));
    const steps = lines(join(run, "events.jsonl")).filter((e) => e.type === "step").map((e) => e.step);
    expect(steps).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});

describe("gantry run and Ctrl-C", () => {
  it("finishes the step, writes a checkpoint, exits 130, and resume completes the run", async () => {
    const cwd = work();
    writeFileSync(join(cwd, "c.yaml"), tinySpec("ctrlc", 400, 1000));
    const child = gantryAsync(["run", "c.yaml", "--runs-dir", "runs"], cwd);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += String(d)));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        try {
          const steps = lines(join(runFolder(join(cwd, "runs"), "ctrlc"), "events.jsonl")).filter((e) => e.type === "step");
          if (steps.length >= 5) { clearInterval(timer); child.kill("SIGINT"); resolve(); }
        } catch { /* not started yet */ }
      }, 50);
    });
    const code = await new Promise<number | null>((r) => child.on("close", (c) => r(c)));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/stopping after this step and writing a checkpoint/);
    const run = runFolder(join(cwd, "runs"), "ctrlc");
    const events = lines(join(run, "events.jsonl"));
    const end = events.at(-1)!;
    expect(end).toMatchObject({ type: "end", reason: "interrupted" });
    expect(events.filter((e) => e.type === "checkpoint").map((e) => e.step)).toEqual([end.step]);
    const r = gantry(["resume", run], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(join(run, "events.jsonl")).at(-1)).toMatchObject({ type: "end", reason: "completed", step: 400 });
  });
});

async function expectChartsRender(html: string, screenshot: string): Promise<void> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (req) => { if (!req.url().startsWith("file:") && !req.url().startsWith("data:")) errors.push(`network request: ${req.url()}`); });
    await page.goto(`file://${html}`);
    await page.waitForSelector("body[data-charts-rendered]");
    expect(errors).toEqual([]);
    const rendered = await page.$$eval("[data-chart][data-rendered=true] canvas", (cs) => cs.map((c) => (c as HTMLCanvasElement).width));
    expect(rendered.length).toBeGreaterThanOrEqual(4); // losses, D outputs, gradient norms, mode coverage
    const charts = await page.$$eval("[data-chart]", (els) => els.map((e) => (e as HTMLElement).dataset.chart));
    expect(charts).toEqual(expect.arrayContaining(["losses", "discriminator", "gradients", "metric-coverage"]));
    expect(await page.$$eval(".samples img", (imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
    await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await browser.close();
  }
}
