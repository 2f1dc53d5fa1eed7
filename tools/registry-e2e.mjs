#!/usr/bin/env node
// Gantry as its users install it: a real npm registry (verdaccio) on loopback, every package published
// from the tarball `npm pack` makes, then fresh folders that install from it (docs/plugins.md):
//   1. `@gantry/losses` alone (timed), then core + losses + a backend, using a loss and its gradient from code;
//   2. `@gantry/cli`, running a spec and sampling from it;
//   3. a plugin scaffolded with `gantry new plugin`, published, installed next to the CLI and run by a
//      spec that names it in `plugins`.
// Each folder must hold exactly one @tensorflow/tfjs-core (and one @gantry/core), and none of the
// union/WebGL packages core no longer depends on (ADR 0011). Third-party dependencies come through the
// registry's uplink (the npm registry this machine is configured with).
// Usage: node tools/registry-e2e.mjs [--no-build] [--keep]   (npm run test:registry)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), "gantry-registry-"));
const uplink = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
const results = { packages: [], timings: {} };
let verdaccio;

function log(message) {
  process.stdout.write(`registry-e2e: ${message}\n`);
}

/** The environment npm runs in: our npmrc only, none of the npm_config_* the parent `npm run` set. */
function npmEnv(npmrc) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
  return { ...env, npm_config_userconfig: npmrc, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

function run(cmd, argv, options = {}) {
  const started = performance.now();
  const r = spawnSync(cmd, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20, ...options });
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} ${argv.join(" ")} (in ${options.cwd ?? process.cwd()}) failed with ${r.status ?? r.error}:\n${r.stdout ?? ""}\n${r.stderr ?? ""}`);
  }
  return { out: r.stdout, err: r.stderr, seconds: (performance.now() - started) / 1000 };
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRegistry() {
  const port = await freePort();
  const config = join(work, "verdaccio.yaml");
  const local = { access: "$all", publish: "$authenticated", unpublish: "$authenticated" };
  writeFileSync(config, JSON.stringify({
    storage: join(work, "storage"),
    auth: { htpasswd: { file: join(work, "htpasswd"), max_users: 10 } },
    uplinks: { npmjs: { url: uplink, timeout: "120s", maxage: "30m" } },
    // Gantry's names are never proxied: what is installed is what this run published.
    packages: { "@gantry/*": local, "gantry-plugin-*": local, "**": { access: "$all", publish: "$authenticated", proxy: "npmjs" } },
    logs: { type: "stdout", format: "pretty", level: "warn" },
    max_body_size: "200mb",
    web: { enable: false },
  }, null, 1));
  const bin = join(root, "node_modules", "verdaccio", "bin", "verdaccio");
  verdaccio = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  verdaccio.stdout.on("data", (d) => { output += d; });
  verdaccio.stderr.on("data", (d) => { output += d; });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 300; i++) {
    if (verdaccio.exitCode !== null) throw new Error(`verdaccio exited (${verdaccio.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return url;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not start on ${url}:\n${output}`);
}

/** Creates a registry user (CouchDB-style PUT, as `npm adduser` does) and writes an npmrc with its token. */
async function login(registry) {
  const name = "gantry-ci";
  const res = await fetch(`${registry}-/user/org.couchdb.user:${name}`, {
    method: "PUT", headers: { "content-type": "application/json" },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password: "registry-e2e-password", type: "user", roles: [], date: new Date().toISOString() }),
  });
  const body = await res.json();
  if (!res.ok || !body.token) throw new Error(`cannot create a registry user: ${res.status} ${JSON.stringify(body)}`);
  const npmrc = join(work, "npmrc");
  const host = registry.replace(/^http:/, "");
  writeFileSync(npmrc, `registry=${registry}\n${host}:_authToken=${body.token}\nfund=false\naudit=false\nupdate-notifier=false\n`);
  return npmrc;
}

function publicPackages() {
  return readdirSync(join(root, "packages"))
    .map((dir) => ({ dir: join(root, "packages", dir), pkg: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) }))
    .filter(({ pkg }) => !pkg.private);
}

function packAndPublish(registry, npmrc) {
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  for (const { dir, pkg } of publicPackages()) {
    const [info] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tarballs], { cwd: dir, env: npmEnv(npmrc) }).out);
    results.packages.push({ name: pkg.name, version: pkg.version, packedKb: info.size / 1024, unpackedKb: info.unpackedSize / 1024, files: info.entryCount });
    run("npm", ["publish", join(tarballs, info.filename), "--registry", registry, "--access", "public", "--ignore-scripts"], { cwd: work, env: npmEnv(npmrc) });
  }
  log(`published ${results.packages.length} packages`);
}

/** A fresh project folder. */
function project(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `e2e-${name}`, version: "1.0.0", private: true, type: "module" }, null, 1));
  return dir;
}

function install(dir, npmrc, registry, packages, label, extraEnv = {}) {
  const { seconds } = run("npm", ["install", "--registry", registry, "--no-audit", "--no-fund", ...packages], { cwd: dir, env: { ...npmEnv(npmrc), ...extraEnv } });
  results.timings[label] = seconds;
  log(`${label}: npm install ${packages.join(" ")} took ${seconds.toFixed(1)} s`);
}

/** Every installed copy of a package under dir/node_modules (nested ones included). */
function copiesOf(dir, name) {
  const found = [];
  const walk = (modules) => {
    if (!existsSync(modules)) return;
    if (existsSync(join(modules, name, "package.json"))) found.push(join(modules, name));
    for (const entry of readdirSync(modules)) {
      const scoped = entry.startsWith("@") ? readdirSync(join(modules, entry)).map((e) => join(entry, e)) : [entry];
      for (const p of scoped) {
        const nested = join(modules, p, "node_modules");
        if (existsSync(nested) && statSync(nested).isDirectory()) walk(nested);
      }
    }
  };
  walk(join(dir, "node_modules"));
  return found;
}

function assertOneCopy(dir, label) {
  for (const name of ["@tensorflow/tfjs-core", "@gantry/core"]) {
    const copies = copiesOf(dir, name);
    if (copies.length !== 1) throw new Error(`${label}: expected one ${name}, found ${copies.length}: ${copies.join(", ")}`);
  }
  for (const name of ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-webgl", "@tensorflow/tfjs-data"]) {
    if (copiesOf(dir, name).length) throw new Error(`${label}: ${name} is installed, but nothing should depend on it (ADR 0011)`);
  }
}

function gantry(dir, argv) {
  return run(process.execPath, [join(dir, "node_modules", "@gantry", "cli", "dist", "bin.js"), ...argv], { cwd: dir, env: { ...npmEnv(join(work, "npmrc")), CI: "true" } });
}

const TINY_SPEC = `name: registry-ring
seed: 3
backend: [native, cpu]
nodes:
  data:      { use: dataset/ring, params: { modes: 8, radius: 2, std: 0.02, batchSize: 64 } }
  generator: { use: network/mlp, params: { input: 8, hidden: [32], output: 2 } }
  critic:    { use: network/mlp, params: { input: 2, hidden: [32], output: 1 } }
  train:
    use: method/alternating
    with: { data: data, generator: generator, discriminator: critic, loss: { use: loss/non-saturating } }
    params: { steps: 40 }
  coverage: { use: metric/mode-coverage, with: { generator: train.sampler, data: data } }
sinks: { checkpoint: { every: 20 } }
`;

const USE_LOSS = `import { createRegistry, tf, useBackend } from "@gantry/core";
import { lossesPlugin } from "@gantry/losses";
import { backendCpuPlugin } from "@gantry/backend-cpu";
const registry = createRegistry().use(backendCpuPlugin).use(lossesPlugin);
await useBackend(registry, ["cpu"], { log: () => {} });
const loss = registry.create("loss", "non-saturating", {});
const fake = tf.tensor1d([-2, -0.5, 0, 1.5]);
// Non-saturating G loss mean(softplus(-f)): d/df_i = -sigmoid(-f_i) / n (closed form).
const grad = await tf.grad((f) => loss.generator(f))(fake).data();
const want = [-2, -0.5, 0, 1.5].map((f) => -1 / (1 + Math.exp(f)) / 4);
const err = Math.max(...want.map((w, i) => Math.abs(w - grad[i])));
if (!(err < 1e-6)) throw new Error("gradient off by " + err);
console.log(JSON.stringify({ loss: (await loss.generator(fake).data())[0], maxGradError: err }));
`;

async function main() {
  if (!args.has("--no-build")) run("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  const registry = await startRegistry();
  log(`verdaccio on ${registry} (uplink ${uplink}), work folder ${work}`);
  const npmrc = await login(registry);
  packAndPublish(registry, npmrc);

  // 1. One package from code.
  const alone = project("losses-alone");
  install(alone, npmrc, registry, ["@gantry/losses"], "@gantry/losses alone");
  assertOneCopy(alone, "losses alone");
  const code = project("from-code");
  install(code, npmrc, registry, ["@gantry/core", "@gantry/losses", "@gantry/backend-cpu"], "core + losses + backend-cpu");
  assertOneCopy(code, "from code");
  writeFileSync(join(code, "use-loss.mjs"), USE_LOSS);
  log(`from code: ${run(process.execPath, ["use-loss.mjs"], { cwd: code }).out.trim()}`);

  // 2. The CLI running a spec.
  const cli = project("cli");
  install(cli, npmrc, registry, ["@gantry/cli"], "@gantry/cli");
  assertOneCopy(cli, "cli");
  writeFileSync(join(cli, "ring.yaml"), TINY_SPEC);
  const ran = gantry(cli, ["run", "ring.yaml"]);
  results.timings["gantry run (40 steps)"] = ran.seconds;
  const runDir = join(cli, "runs", "registry-ring", readdirSync(join(cli, "runs", "registry-ring"))[0]);
  if (!existsSync(join(runDir, "checkpoints", "step-000040", "state.json"))) throw new Error(`cli: no final checkpoint in ${runDir}\n${ran.out}`);
  gantry(cli, ["sample", runDir, "--n", "16", "--out", "samples.npy"]);
  if (!existsSync(join(cli, "samples.npy"))) throw new Error("cli: gantry sample wrote no samples.npy");
  log("cli: gantry run + gantry sample work");
  // @gantry/backend-native's install script built its addon from source where OpenBLAS is installed
  // (CI installs libopenblas-dev), and the spec's first backend, native, was used.
  if (spawnSync("pkg-config", ["--exists", "openblas"]).status === 0) {
    const addon = join(cli, "node_modules", "@gantry", "backend-native", "build", "Release", "gantry_native.node");
    if (!existsSync(addon)) throw new Error(`cli: npm install did not build ${addon}`);
    // the CLI logs its choice on stderr; the run's start event records it
    const start = JSON.parse(readFileSync(join(runDir, "events.jsonl"), "utf8").split("\n")[0]);
    if (start.backend !== "native" || !/using backend native\b/.test(ran.err)) throw new Error(`cli: the spec's backend [native, cpu] did not pick native:\n${ran.err}`);
    log("cli: @gantry/backend-native built from source at install and used");
  }

  // 3. A third-party plugin: scaffold, publish, install next to the CLI, run a spec naming it.
  gantry(cli, ["new", "plugin", "gantry-plugin-margin", "--dir", join(work, "plugin-src")]);
  run("npm", ["publish", "--registry", registry, "--ignore-scripts"], { cwd: join(work, "plugin-src"), env: npmEnv(npmrc) });
  const withPlugin = project("with-plugin");
  // Installed without building the native addon (as on a machine without OpenBLAS): install succeeds,
  // and a backend list that names native falls back with a one-line notice that says how to get it.
  install(withPlugin, npmrc, registry, ["@gantry/cli", "gantry-plugin-margin"], "@gantry/cli + plugin", { GANTRY_NATIVE_SKIP_BUILD: "1" });
  assertOneCopy(withPlugin, "with plugin");
  const example = join(withPlugin, "node_modules", "gantry-plugin-margin", "example.yaml");
  if (!/plugins: \[gantry-plugin-margin\]/.test(readFileSync(example, "utf8"))) throw new Error(`plugin: ${example} does not name the plugin`);
  const pluginRun = gantry(withPlugin, ["run", example, "--backend", "native,cpu", "--set", "nodes.train.params.steps=30"]);
  if (!/using backend cpu \(skipped native: .*to enable: apt-get install libopenblas-dev/.test(pluginRun.err)) {
    throw new Error(`plugin: without the addon, native was not skipped with the how-to notice:\n${pluginRun.err}`);
  }
  const runs = join(withPlugin, "runs", "gantry-plugin-margin-example");
  const final = existsSync(runs) ? join(runs, readdirSync(runs)[0], "checkpoints", "step-000030", "state.json") : "";
  if (!final || !existsSync(final)) throw new Error(`plugin: the example spec did not run to step 30:\n${pluginRun.out}`);
  log("plugin: scaffolded, published, installed next to the CLI and run by a spec that names it");

  printTable();
}

function printTable() {
  const lines = ["", "| package | version | packed kB | unpacked kB | files |", "|---|---|---:|---:|---:|"];
  for (const p of results.packages) lines.push(`| ${p.name} | ${p.version} | ${p.packedKb.toFixed(1)} | ${p.unpackedKb.toFixed(1)} | ${p.files} |`);
  lines.push("", "| install / run | seconds |", "|---|---:|");
  for (const [k, v] of Object.entries(results.timings)) lines.push(`| ${k} | ${v.toFixed(1)} |`);
  process.stdout.write(lines.join("\n") + "\n");
}

try {
  await main();
  log("passed");
} catch (e) {
  process.stderr.write(`registry-e2e: FAILED: ${e.stack ?? e}\n`);
  process.exitCode = 1;
} finally {
  verdaccio?.kill("SIGTERM");
  if (!args.has("--keep")) rmSync(work, { recursive: true, force: true });
}
