// `gantry sweep` and `gantry worker` through main(), without Redis: input checks come first and exit 2
// with the file and line; `plan`, `status` and `results` need no queue. The queue itself is tested in
// @gantry/sweeps (a real redis-server), the whole flow in its sweep.e2e.test.ts (real processes).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { tinySpec } from "../test-support/tiny-spec.js";

async function gantry(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    process.chdir(before);
  }
}

function sweepDir(sweep: string): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-cli-sweep-"));
  writeFileSync(join(dir, "tiny.yaml"), tinySpec("tiny", 10, 5));
  writeFileSync(join(dir, "sweep.yaml"), sweep);
  return dir;
}

describe("gantry sweep (no queue needed)", () => {
  it("plan validates every run and lists them with their IDs", async () => {
    const cwd = sweepDir("name: tiny-sweep\nbase: tiny.yaml\nseeds: [1, 2]\ngrid:\n  nodes.train.params.steps: [10, 20]\n");
    const r = await gantry(["sweep", "plan", "sweep.yaml"], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sweep\.yaml: ok — sweep "tiny-sweep", 4 runs \(2 settings × 2 seeds\), every spec valid/);
    expect(r.stdout.split("\n").slice(1)).toEqual([
      expect.stringMatching(/^s1-[0-9a-f]{8} {2}seed 1 {2}steps=10$/), expect.stringMatching(/^s2-[0-9a-f]{8} {2}seed 2 {2}steps=10$/),
      expect.stringMatching(/^s1-[0-9a-f]{8} {2}seed 1 {2}steps=20$/), expect.stringMatching(/^s2-[0-9a-f]{8} {2}seed 2 {2}steps=20$/),
    ]);
  });

  it("a bad override is exit 2 naming the sweep file's line, and nothing needs Redis to say so", async () => {
    const cwd = sweepDir("name: tiny-sweep\nbase: tiny.yaml\nseeds: [1]\ngrid:\n  nodes.train.params.steps: [10, -3]\n");
    const r = await gantry(["sweep", "sweep.yaml", "--queue", "redis://127.0.0.1:1"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tiny\.yaml:\d+: train\.params\.steps: .* \(set by .*sweep\.yaml:5\) \[s1-[0-9a-f]{8} \(steps=-3\)\]/);
    const typo = await gantry(["sweep", "plan", "sweep.yaml"], sweepDir("name: s\nbase: tiny.yaml\nseeds: [1]\ngrid:\n  nodes.train.param.steps: [10]\n"));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/sweep\.yaml:5: grid\.nodes\.train\.param\.steps: .*has no "param"; did you mean "params"\?/);
  });

  it("asks for --queue, a sweep file and a known format", async () => {
    const cwd = sweepDir("name: s\nbase: tiny.yaml\nseeds: [1]\n");
    expect((await gantry(["sweep", "sweep.yaml"], cwd)).stderr).toMatch(/gantry sweep needs --queue redis:\/\/host:port/);
    expect((await gantry(["worker"], cwd)).code).toBe(2);
    expect((await gantry(["sweep", "results"], cwd)).stderr).toMatch(/needs a sweep file/);
    expect((await gantry(["sweep", "results", "sweep.yaml", "--format", "html"], cwd)).code).toBe(2);
  });

  it("status and results read the run store: nothing run yet is every run pending", async () => {
    const cwd = sweepDir("name: s\nbase: tiny.yaml\nseeds: [1, 2]\n");
    const status = await gantry(["sweep", "status", "sweep.yaml", "--runs-dir", "runs"], cwd);
    expect(status.stdout).toMatch(/^sweep s: 0\/2 runs done/);
    expect(status.stdout).toMatch(/s2-[0-9a-f]{8} +tiny +not started/);
    const csv = await gantry(["sweep", "results", "sweep.yaml", "--runs-dir", "runs", "--format", "csv", "--by", "run", "--out", "r.csv"], cwd);
    expect(csv.code, csv.stderr).toBe(0);
    expect(readFileSync(join(cwd, "r.csv"), "utf8").split("\n")[1]).toMatch(/^s1-[0-9a-f]{8},1,tiny,pending,,,$/);
  });

  it("every sweep in examples/sweeps plans: its bases exist and every run's spec is valid", async () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "examples", "sweeps");
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const r = await gantry(["sweep", "plan", join(dir, file)], tmpdir());
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
    }
  });
});
