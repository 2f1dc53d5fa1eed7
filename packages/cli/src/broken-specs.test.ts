// Broken input through the real command line: each mistake gives one clear `gantry: error` line
// naming the file/node/field and exit code 2 — never a stack trace, never a run folder. A spec with
// several mistakes gets them all, as one numbered list.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { gantry } from "./test-support/cli-process.js";
import { tinySpec } from "./test-support/tiny-spec.js";

const good = tinySpec("broken", 5);
const edit = (find: string, replace: string): string => {
  if (!good.includes(find)) throw new Error(`test bug: ${find} not in spec`);
  return good.replace(find, replace);
};

const cases: readonly { name: string; spec?: string; args?: (file: string) => string[]; message: RegExp }[] = [
  { name: "missing spec file", args: () => ["run", "nope.yaml"], message: /nope\.yaml: cannot read spec/ },
  { name: "YAML syntax error", spec: "name: x\nnodes: { a: [1, 2 }\n", message: /spec\.yaml:2: not valid YAML/ },
  { name: "empty file", spec: "", message: /spec\.yaml: a spec must be a mapping/ },
  { name: "unknown top-level field", spec: edit("seed: 11", "seed: 11\nsead: 3"), message: /unknown field.*sead/i },
  { name: "unknown kind", spec: edit("use: loss/non-saturating", "use: los/non-saturating"), message: /spec\.yaml:8: loss\.use: unknown kind "los"; did you mean "loss\/non-saturating"/ },
  { name: "unknown name", spec: edit("use: loss/non-saturating", "use: loss/nonsaturating"), message: /did you mean "loss\/non-saturating"/ },
  { name: "third-party entry not installed", spec: edit("  loss:      { use: loss/non-saturating }", "  loss:      { use: loss/non-saturating }\n  vee: { use: method/veegan }"), message: /spec\.yaml:9: vee\.use: no method named "veegan".*\n {2}hint: registered methods: .*a third-party method needs its package in plugins/ },
  { name: "param of the wrong type", spec: edit("batchSize: 64", 'batchSize: "64"'), message: /spec\.yaml:5: data\.params\.batchSize: expected number, received string/ },
  { name: "param out of range", spec: edit("batchSize: 64", "batchSize: 0"), message: /params\.batchSize/ },
  { name: "misspelt param", spec: edit("hidden: [16], output: 2", "hiden: [16], output: 2"), message: /"hiden"; did you mean "hidden"/ },
  { name: "missing required param", spec: edit("input: 4, hidden", "hidden"), message: /spec\.yaml:6: generator\.params\.input: missing required param/ },
  { name: "bad enum value", spec: edit("input: 4, hidden: [16], output: 2", "input: 4, hidden: [16], output: 2, activation: swish"), message: /params\.activation/ },
  { name: "dangling reference", spec: edit("loss: loss,", "loss: los,"), message: /no node "los"; did you mean "loss"/ },
  { name: "misspelt port", spec: edit("loss: loss,", "los: loss,"), message: /no input "los"; did you mean "loss"/ },
  { name: "missing port", spec: edit("loss: loss,", ""), message: /needs input "loss"/ },
  { name: "wrong kind on a port", spec: edit("discriminator: critic", "discriminator: loss"), message: /needs a network, but "loss" is a loss/ },
  { name: "list on a single port", spec: edit("loss: loss,", "loss: [loss],"), message: /takes one loss/ },
  { name: "bad inline node params", spec: edit("lr: 0.001", "lr: -1"), message: /params\.lr/ },
  { name: "no training node", spec: "name: x\nnodes:\n  data: { use: dataset/ring }\n", message: /no training node/ },
  { name: "every on a non-metric", spec: edit("  loss:      { use: loss/non-saturating }", "  loss:      { use: loss/non-saturating, every: 3 }"), message: /only metric nodes/ },
  { name: "bad sink field", spec: edit("keep: 2", "kep: 2"), message: /kep/ },
  { name: "unknown backend name", spec: edit("backend: [wasm]", "backend: [cuda]"), message: /spec\.yaml:3: backend\.0: no backend named "cuda"\n {2}hint: registered backends: cpu, native, node, node-gpu, wasm, webgpu/ },
  { name: "unknown backend in --backend", args: (f) => ["run", f, "--runs-dir", "runs", "--backend", "wasm,cuda"], message: /--backend: no backend named "cuda"\n {2}hint: registered backends: cpu, native, node/ },
  { name: "several mistakes at once", spec: edit("batchSize: 64", 'batchSize: "64"').replace("loss: loss,", "loss: los,").replace("backend: [wasm]", "backend: [wasmm]"),
    message: /^gantry: 3 errors in spec\.yaml\n {2}1\. error SPEC_UNKNOWN_BACKEND: spec\.yaml:3: backend\.0: no backend named "wasmm"; did you mean "wasm"\?\n {5}hint: .*\n {2}2\. error SPEC_BAD_PARAMS: spec\.yaml:5: data\.params\.batchSize: .*\n {5}hint: .*\n {2}3\. error SPEC_DANGLING_REF: spec\.yaml:11: train\.with\.loss: no node "los"/ },
  { name: "plugin package not installed", spec: edit("backend: [wasm]", "backend: [wasm]\nplugins: [gantry-plugin-that-does-not-exist]"), message: /plugin package "gantry-plugin-that-does-not-exist" is not installed/ },
  { name: "unknown command", args: () => ["trian", "x.yaml"], message: /unknown command "trian"/ },
  { name: "unknown option", args: (f) => ["run", f, "--stpes", "3"], message: /Unknown option/ },
  { name: "resume of a folder that is not a run", args: () => ["resume", tmpdir()], message: /is not a run directory/ },
  { name: "sample to an unknown format", args: () => ["sample", tmpdir(), "--out", "x.gif"], message: /unknown format/ },
];

describe("broken specs and arguments exit 2 with one clear error (or one list of them)", () => {
  it(`covers at least 20 kinds of mistake (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(20));
  for (const c of cases) {
    it(c.name, async () => {
      const cwd = mkdtempSync(join(tmpdir(), "gantry-broken-"));
      const file = join(cwd, "spec.yaml");
      writeFileSync(file, c.spec ?? good);
      const out: string[] = [];
      const err: string[] = [];
      const prev = process.cwd();
      process.chdir(cwd);
      let code: number;
      try {
        code = await main(c.args ? c.args("spec.yaml") : ["run", "spec.yaml", "--runs-dir", "runs"], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
      } finally {
        process.chdir(prev);
      }
      const text = err.join("\n");
      expect(code, text).toBe(2);
      expect(text).toMatch(c.message);
      expect(text).not.toMatch(/\n\s+at /); // no stack trace
      expect(text.match(/^gantry: /gm)?.length).toBe(1);
      expect(existsSync(join(cwd, "runs"))).toBe(false);
    });
  }

  it("the real binary prints the error without a stack trace and exits 2", () => {
    const cwd = mkdtempSync(join(tmpdir(), "gantry-broken-"));
    writeFileSync(join(cwd, "spec.yaml"), edit("loss: loss,", "loss: los,"));
    const r = gantry(["validate", "spec.yaml"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gantry: error SPEC_DANGLING_REF: spec\.yaml:11: train\.with\.loss: no node "los"; did you mean "loss"\?\n {2}hint: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("validate accepts the good spec and writes the JSON Schema", () => {
    const cwd = mkdtempSync(join(tmpdir(), "gantry-broken-"));
    writeFileSync(join(cwd, "spec.yaml"), good);
    const r = gantry(["validate", "spec.yaml", "--schema", "schema.json"], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/spec\.yaml: ok — "broken", \d+ nodes, training node "train"/);
    expect(existsSync(join(cwd, "schema.json"))).toBe(true);
  });
});
