// Runs the code in the docs so it cannot rot. Every Markdown file under docs/ (docs/api/ and
// generated folders excepted) is scanned for fenced blocks whose info string marks them as runnable:
//
//   ```yaml spec [set=<path>=<value> ...]   a whole pipeline spec: `gantry run <tmp>.yaml --runs-dir <tmp>`
//                                            with `--set nodes.train.params.steps=20` (or the block's own
//                                            `set=` overrides instead, e.g. for AdaGAN's rounds), so it
//                                            trains for a few steps only and must exit 0
//   ```yaml spec from=<path> [set=…]         as above, and the block must be the same spec as the file at
//                                            <path> (parsed YAML, so comments may differ), e.g. a bundled
//                                            examples/specs/*.yaml the page quotes: the copy cannot drift
//   ```ts run                                a whole TypeScript program, run with tsx from the repository
//                                            root (so `@gantry/*` resolve to the workspace); must exit 0
//
// Any other block (```yaml, ```ts, ```sh) is illustration and is not run. Every bundled spec a page
// names (`examples/specs/<name>.yaml`) must exist and pass `gantry validate` (each validated once).
// A failure names the file and line of the block. Usage: node tools/test-docs.mjs [file.md ...]
// Env: GANTRY_CLI (default packages/cli/dist/bin.js), DOCS_TEST_JOBS (default 2).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const docsDir = join(root, "docs");
const cli = resolve(root, process.env.GANTRY_CLI ?? "packages/cli/dist/bin.js");
const tsx = join(root, "node_modules/.bin/tsx");
const jobs = Math.max(1, Number(process.env.DOCS_TEST_JOBS ?? 2));
const defaultSets = ["nodes.train.params.steps=20"];
const skipDirs = new Set(["api", "node_modules", ".vitepress", "public"]);
const timeoutMs = 120_000;

/** Markdown files under docs/, excluding generated output. */
function markdownFiles(dir = docsDir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skipDirs.has(name) ? [] : markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

/** Fenced blocks with their 1-based opening line and info string. */
export function fencedBlocks(text) {
  const blocks = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    blocks.push({ line: i + 1, info: info.trim(), code: body.join("\n") + "\n" });
    i = j;
  }
  return blocks;
}

/** The runnable blocks of a file: { kind: "spec" | "ts", line, code, sets }. */
export function runnableBlocks(text) {
  return fencedBlocks(text).flatMap((block) => {
    const [lang, mark, ...rest] = block.info.split(/\s+/);
    if (lang === "yaml" && mark === "spec") {
      const sets = rest.filter((t) => t.startsWith("set=")).map((t) => t.slice(4));
      const from = rest.find((t) => t.startsWith("from="))?.slice(5);
      return [{ kind: "spec", line: block.line, code: block.code, sets: sets.length > 0 ? sets : defaultSets, from }];
    }
    if ((lang === "ts" || lang === "typescript") && mark === "run") return [{ kind: "ts", line: block.line, code: block.code }];
    return [];
  });
}

function run(command, args, cwd) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, FORCE_COLOR: "0" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ ok: code === 0, code: code ?? signal, output });
    });
  });
}

function tail(text, lines = 25) {
  return text.trimEnd().split("\n").slice(-lines).map((l) => `    ${l}`).join("\n");
}

/** One check: runs it, returns null or a failure message that names file:line. */
async function check(task, work) {
  const where = `${relative(root, task.file)}:${task.line}`;
  const started = Date.now();
  let result;
  if (task.kind === "spec") {
    const file = join(work, `${task.id}.yaml`);
    writeFileSync(file, task.code);
    const sets = task.sets.flatMap((s) => ["--set", s]);
    result = await run(process.execPath, [cli, "run", file, "--runs-dir", join(work, `runs-${task.id}`), ...sets], root);
  } else if (task.kind === "ts") {
    // Inside the repository, so `@gantry/*` and tfjs resolve from its node_modules.
    const file = join(root, "node_modules/.cache/gantry-docs/blocks", `${task.id}.mts`);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, task.code);
    result = await run(tsx, [file], root);
  } else {
    result = await run(process.execPath, [cli, "validate", task.spec], root);
  }
  if (task.kind === "spec") result.output = pointIntoPage(result.output, join(work, `${task.id}.yaml`), task);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const label = task.kind === "validate" ? `validate ${task.spec}` : `${task.kind} block`;
  if (result.ok) {
    console.log(`ok    ${where}  ${label}  (${seconds} s)`);
    return null;
  }
  console.log(`FAIL  ${where}  ${label}  (exit ${result.code}, ${seconds} s)`);
  return `${where}: the ${label} failed (exit ${result.code}):\n${tail(result.output)}`;
}

/** Rewrites "<tmp spec>:<line>" in gantry's messages to the page and line the reader edits. */
function pointIntoPage(output, specFile, task) {
  const page = relative(root, task.file);
  const [head, ...rest] = output.split(specFile);
  const moved = rest.map((part) => {
    const line = /^:(\d+)/.exec(part);
    return line ? `${page}:${task.line + Number(line[1])}${part.slice(line[0].length)}` : `${page}${part}`;
  });
  return [head, ...moved].join("");
}

/** Every examples/specs/*.yaml a page names, once, at the first line that names it. */
function namedSpecs(file, text) {
  const seen = new Map();
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(/examples\/specs\/[\w.-]+\.yaml/g)) if (!seen.has(m[0])) seen.set(m[0], i + 1);
  });
  return [...seen].map(([spec, line]) => ({ kind: "validate", file, line, spec }));
}

async function main() {
  if (!existsSync(cli)) {
    console.error(`test-docs: ${relative(root, cli)} is missing; build the CLI first (npm run build)`);
    process.exit(1);
  }
  const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : markdownFiles();
  const tasks = [];
  const failures = [];
  const validated = new Set();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const b of runnableBlocks(text)) {
      tasks.push({ ...b, file, id: `block-${tasks.length}` });
      const quoted = b.from && join(root, b.from);
      if (!quoted) continue;
      const where = `${relative(root, file)}:${b.line}`;
      if (!existsSync(quoted)) failures.push(`${where}: the block says from=${b.from}, which does not exist`);
      else if (!isDeepStrictEqual(parse(readFileSync(quoted, "utf8")), parse(b.code))) {
        failures.push(`${where}: the block is not the spec in ${b.from}, which it quotes; copy the file into the page again (or drop from=)`);
      }
    }
    for (const v of namedSpecs(file, text)) {
      if (!existsSync(join(root, v.spec))) failures.push(`${relative(root, file)}:${v.line}: names ${v.spec}, which does not exist`);
      else if (!validated.has(v.spec)) tasks.push({ ...v, id: `validate-${tasks.length}` });
      validated.add(v.spec);
    }
  }
  const work = mkdtempSync(join(tmpdir(), "gantry-docs-"));
  const started = Date.now();
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        const failure = await check(task, work);
        if (failure) failures.push(failure);
      }
    }),
  );
  rmSync(work, { recursive: true, force: true });
  rmSync(join(root, "node_modules/.cache/gantry-docs/blocks"), { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (failures.length > 0) {
    console.error(`\n${failures.length} doc check(s) failed (${tasks.length} run, ${seconds} s):\n\n${failures.join("\n\n")}`);
    process.exit(1);
  }
  console.log(`\n${tasks.length} doc checks passed in ${seconds} s (${files.length} files)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
