// Seeded mutations (fast-check) of the files Gantry reads: a real checkpoint of a tiny run
// (params.safetensors + state.json) and data files (NPY, IDX, PNG/JPEG) — truncated, bit-flipped,
// lying headers (resealed with a matching checksum, so the decoder itself is reached), wrong shapes and
// dtypes, missing keys and files, another spec's checkpoint. Each must load, or be rejected by a
// GantryError naming the file: never another exception, never a hang, never a write outside the run folder.
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { isGantryError, tf, type Method, type Registry } from "@gantry/core";
import { encodeIdx, encodeNpy } from "@gantry/data";
import { importCheckpoint, readCheckpoint } from "@gantry/pipeline";
import fc from "fast-check";
import { encode as encodePng } from "fast-png";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreRun } from "./commands/restore.js";
import { main } from "./main.js";
import { tinySpec } from "./test-support/tiny-spec.js";

const SEED = 17_042;
/** Reading a small file takes milliseconds; a case this slow is a hang (a busy 2-core CI machine included). */
const HANG_MS = 3_000;

type Outcome = "valid" | "rejected" | "crash" | "hang";
interface Tally { tried: number; valid: number; rejected: number; rejectedAtImport: number; crashes: number; hangs: number; failures: string[] }
const tally = (): Tally => ({ tried: 0, valid: 0, rejected: 0, rejectedAtImport: 0, crashes: 0, hangs: 0, failures: [] });

// ---- byte-level mutations, common to every format -----------------------------------------------

interface ByteMutation { readonly op: "truncate" | "flip" | "flips" | "zero" | "garbage" | "cut" | "duplicate" | "empty" | "gzip" | "gzipTruncated"; readonly a: number; readonly b: number }

const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.record({
  op: fc.constantFrom("truncate", "flip", "flips", "zero", "garbage", "cut", "duplicate", "empty", "gzip", "gzipTruncated"),
  a: fc.nat(),
  b: fc.nat(),
});

function mutateBytes(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const n = bytes.length;
  const at = m.a % Math.max(1, n);
  const out = Uint8Array.from(bytes);
  switch (m.op) {
    case "truncate": return bytes.slice(0, at);
    case "flip": out[at] ^= 1 << (m.b % 8); return out;
    case "flips": for (let i = 0; i < 1 + (m.b % 16); i++) out[(m.a * (i + 7) + i * m.b) % n] ^= 1 << ((m.b + i) % 8); return out;
    case "zero": out.fill(0, at, at + 1 + (m.b % 64)); return out;
    case "garbage": return Uint8Array.from([...bytes, ...Array.from({ length: 1 + (m.b % 300) }, (_, i) => (m.a + i * 31) % 256)]);
    case "cut": return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(Math.min(n, at + 1 + (m.b % 32)))]);
    case "duplicate": return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at, at + 1 + (m.b % 32)), ...bytes.subarray(at)]);
    case "empty": return new Uint8Array(0);
    case "gzip": return new Uint8Array(gzipSync(bytes));
    case "gzipTruncated": { const z = gzipSync(bytes); return new Uint8Array(z.subarray(0, m.a % z.length)); }
  }
}

// ---- judging --------------------------------------------------------------------------------------

/** A rejection is clear when every issue names one of `files` (the mutated file or its folder). */
function judge(error: unknown, files: readonly string[]): { outcome: Outcome; detail?: string } {
  if (isGantryError(error) && error.issues.every((i) => i.where.file !== undefined && files.some((f) => i.where.file === f || i.where.file!.startsWith(f)))) {
    return { outcome: "rejected" };
  }
  return { outcome: "crash", detail: isGantryError(error) ? `GantryError not naming ${files.join(" or ")}: ${error.code}: ${error.message}` : String((error as Error)?.stack ?? error).slice(0, 700) };
}

async function timed(run: () => Promise<void>, files: readonly string[], isImportMismatch: (e: unknown) => boolean = () => false): Promise<{ outcome: Outcome | "rejectedAtImport"; detail?: string }> {
  const started = performance.now();
  let result: { outcome: Outcome | "rejectedAtImport"; detail?: string };
  try {
    await run();
    result = { outcome: "valid" };
  } catch (e) {
    result = isImportMismatch(e) ? { outcome: "rejectedAtImport" } : judge(e, files);
  }
  const ms = performance.now() - started;
  return ms > HANG_MS ? { outcome: "hang", detail: `${ms.toFixed(0)} ms` } : result;
}

function record(t: Tally, r: { outcome: Outcome | "rejectedAtImport"; detail?: string }, label: string): void {
  t.tried++;
  if (r.outcome === "valid") t.valid++;
  else if (r.outcome === "rejected") t.rejected++;
  else if (r.outcome === "rejectedAtImport") t.rejectedAtImport++;
  else {
    if (r.outcome === "crash") t.crashes++;
    else t.hangs++;
    t.failures.push(`${label} → ${r.outcome}: ${r.detail}`);
  }
}

const report = (name: string, t: Tally) => console.log(`${name}: ${t.tried} mutations tried, ${t.valid} loaded (still valid), ` +
  `${t.rejected + t.rejectedAtImport} rejected with a GantryError (${t.rejected} naming the file${t.rejectedAtImport ? `, ${t.rejectedAtImport} by the method's importState, naming the tensor or JSON field but not the file` : ""}), ${t.crashes} crashes, ${t.hangs} hangs`);

/** Every file under `dir` (relative path → size and mtime), except the `skip` subtree. */
function snapshot(dir: string, skip: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (p === skip) continue;
      const s = lstatSync(p); // links are listed, not followed (the image folders hold loops)
      if (s.isDirectory()) walk(p);
      else out.set(relative(dir, p), `${s.size}:${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

// ---- fixtures: a real checkpoint (and another spec's), data files --------------------------------

let outer: string; // the run folder's parent: nothing may change in it but the run folder
let work: string; // the temporary run folder: every file of the test lives here
let before: Map<string, string>;
let method: Method;
let registry: Registry;
let checkpoint: string;
let otherCheckpoint: string;

async function trainTiny(name: string, spec: string): Promise<string> {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, spec);
  const err: string[] = [];
  const code = await main(["run", file, "--runs-dir", join(work, "runs")], { stdout: () => {}, stderr: (s) => err.push(s) });
  if (code !== 0) throw new Error(`training the fixture failed: ${err.join("\n")}`);
  const runs = join(work, "runs", name);
  return join(runs, readdirSync(runs)[0]);
}

beforeAll(async () => {
  outer = mkdtempSync(join(tmpdir(), "gantry-file-mutants-"));
  work = join(outer, "run");
  mkdirSync(work);
  const run = await trainTiny("ckpt", tinySpec("ckpt", 2, 2));
  checkpoint = join(run, "checkpoints", "step-000002");
  const other = await trainTiny("other", tinySpec("other", 2, 2).replace("hidden: [16], output: 2", "hidden: [8], output: 2"));
  otherCheckpoint = join(other, "checkpoints", "step-000002");
  const restored = await restoreRun(run);
  method = restored.method;
  registry = restored.registry;
  before = snapshot(outer, work);
}, 300_000);

afterAll(() => {
  method?.dispose();
  if (outer) rmSync(outer, { recursive: true, force: true });
});

// ---- checkpoints --------------------------------------------------------------------------------

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

interface HeaderEdit { readonly tensor: number; readonly what: number; readonly v: number }

/** Rewrites a safetensors header (as JSON), keeping the data bytes: a header that lies about them. */
function editHeader(bytes: Uint8Array, e: HeaderEdit): Uint8Array {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, Record<string, unknown>>;
  const names = Object.keys(header).filter((k) => k !== "__metadata__");
  const name = names[e.tensor % names.length];
  const t = header[name];
  const shape = t.shape as number[];
  const [begin, end] = t.data_offsets as [number, number];
  const edits: (() => void)[] = [
    () => (t.dtype = ["F16", "BF16", "I64", "x", null, 7, "F64", "I32", "U8"][e.v % 9]),
    () => (t.shape = [[], [0], [-1], [1.5], [2 ** 53], [1e9, 1e9], [...shape].reverse(), [...shape, 1], "x", null, [shape.reduce((a, b) => a * b, 1) + 1]][e.v % 11]),
    () => (t.data_offsets = [[0, 0], [end, begin], [0, 2 ** 52], [-1, end - begin - 1], "x", [begin], [begin + 4, end + 4], [0, end - begin]][e.v % 8]),
    () => delete header[name],
    () => { header[`${name}.renamed`] = t; delete header[name]; },
    () => (header[`extra/${e.v}`] = { ...t }), // a second tensor over the same bytes: overlap
    () => (header.__metadata__ = [5, null, { format: 1 }, "x", []][e.v % 5] as never),
    () => (header[name] = [null, 5, "x", [], {}][e.v % 5] as never),
    () => (header["__proto__"] = t),
  ];
  edits[e.what % edits.length]();
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + bytes.length - 8 - n);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + padded);
  out.set(bytes.subarray(8 + n), 8 + padded);
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const jsonPaths = (v: Json, at: (string | number)[] = []): (string | number)[][] =>
  (Array.isArray(v) ? v.map((c, i) => [i, c] as const) : v && typeof v === "object" ? Object.entries(v) : [])
    .flatMap(([k, c]) => [[...at, k], ...jsonPaths(c as Json, [...at, k])]);

/** state.json with one value deleted or replaced (weird values included). */
function editState(text: string, pick: number, value: Json, del: boolean): string {
  const state = JSON.parse(text) as Json;
  const paths = jsonPaths(state);
  const path = paths[pick % paths.length];
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], state) as Record<string | number, Json>;
  const key = path[path.length - 1];
  if (del && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
  return JSON.stringify(state);
}

interface CheckpointMutation {
  readonly kind: "tensorBytes" | "tensorHeader" | "headerLength" | "stateBytes" | "stateJson" | "stateWhole" | "missingFile" | "otherSpec" | "shapeSwap";
  readonly bytes: ByteMutation;
  readonly header: HeaderEdit;
  readonly reseal: boolean;
  readonly pick: number;
  readonly value: Json;
  readonly del: boolean;
}

const checkpointMutationArb: fc.Arbitrary<CheckpointMutation> = fc.record({
  kind: fc.constantFrom("tensorBytes", "tensorHeader", "headerLength", "stateBytes", "stateJson", "stateWhole", "missingFile", "otherSpec", "shapeSwap"),
  bytes: byteMutationArb,
  header: fc.record({ tensor: fc.nat(), what: fc.nat(), v: fc.nat() }),
  reseal: fc.boolean(),
  pick: fc.nat(),
  value: fc.oneof(fc.constantFrom<Json>(null, -1, 1.5, 1e308, "", "x", [], {}, true, "gantry-checkpoint/2"), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>),
  del: fc.boolean(),
});

/** Writes the mutated checkpoint into `dir`; `reseal` updates state.json's checksum to the new tensor bytes. */
function writeMutatedCheckpoint(dir: string, m: CheckpointMutation): void {
  cpSync(m.kind === "otherSpec" ? otherCheckpoint : checkpoint, dir, { recursive: true });
  const tensorsFile = join(dir, "params.safetensors");
  const stateFile = join(dir, "state.json");
  const tensors = new Uint8Array(readFileSync(tensorsFile));
  const state = readFileSync(stateFile, "utf8");
  const reseal = (bytes: Uint8Array): void => {
    writeFileSync(tensorsFile, bytes);
    if (!m.reseal) return;
    const s = JSON.parse(state) as { files: Record<string, { sha256: string; bytes: number }> };
    s.files["params.safetensors"] = { sha256: sha256(bytes), bytes: bytes.length };
    writeFileSync(stateFile, JSON.stringify(s));
  };
  switch (m.kind) {
    case "tensorBytes": return reseal(mutateBytes(tensors, m.bytes));
    case "tensorHeader": return reseal(editHeader(tensors, m.header));
    case "shapeSwap": return reseal(editHeader(tensors, { tensor: m.header.tensor, what: 1, v: 6 })); // same bytes, dims reversed
    case "headerLength": {
      const out = Uint8Array.from(tensors);
      const n = Number(new DataView(tensors.buffer, tensors.byteOffset).getBigUint64(0, true));
      const lies = [0n, 1n, 2n ** 63n, 2n ** 64n - 1n, BigInt(n + 8), BigInt(n - 8), BigInt(tensors.length), BigInt(tensors.length - 8), 100_000_001n];
      new DataView(out.buffer).setBigUint64(0, lies[m.pick % lies.length], true);
      return reseal(out);
    }
    case "stateBytes": return writeFileSync(stateFile, mutateBytes(new TextEncoder().encode(state), m.bytes));
    case "stateJson": return writeFileSync(stateFile, editState(state, m.pick, m.value, m.del));
    case "stateWhole": {
      const s = JSON.parse(state) as Record<string, Json>;
      const wholes = ["null", "[]", "1", '"x"', "{}", "", "\uFEFF{}", JSON.stringify({ ...s, step: "2" }), JSON.stringify({ ...s, step: -2 }),
        JSON.stringify({ ...s, step: 2.5 }), JSON.stringify({ ...s, specHash: 7 }), JSON.stringify({ ...s, files: "x" }),
        JSON.stringify({ ...s, files: { "params.safetensors": null } }), JSON.stringify({ ...s, method: null }), JSON.stringify({ ...s, method: [] }),
        JSON.stringify({ format: s.format, step: s.step }), JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => k !== "method")))];
      return writeFileSync(stateFile, wholes[m.pick % wholes.length]);
    }
    case "missingFile": return rmSync(m.pick % 2 ? tensorsFile : stateFile);
    case "otherSpec": return;
  }
}

describe("mutated checkpoints load, or fail with a GantryError naming the file", () => {
  it("≥ 150 seeded mutations of a real checkpoint, read and imported as `gantry sample` and `resume` do", async () => {
    const t = tally();
    const importCodes = new Set<string>();
    const tensorsBefore = tf.memory().numTensors;
    const mutations = fc.sample(checkpointMutationArb, { seed: SEED, numRuns: 160 });
    for (const [i, m] of mutations.entries()) {
      const dir = join(work, "mutants", `step-${i}`);
      writeMutatedCheckpoint(dir, m);
      // importCheckpoint is what `gantry sample` and `resume` run: the method's errors get the checkpoint's folder as their file.
      let atImport = false;
      const r = await timed(async () => {
        const loaded = readCheckpoint(dir);
        atImport = true;
        importCheckpoint(method, loaded);
      }, [dir]);
      if (atImport && r.outcome === "rejected") importCodes.add(m.kind);
      const detail = { tensorBytes: m.bytes, stateBytes: m.bytes, tensorHeader: m.header, shapeSwap: m.header, headerLength: m.pick, stateWhole: m.pick,
        stateJson: { pick: m.pick, value: m.value, del: m.del }, missingFile: m.pick, otherSpec: "" }[m.kind];
      record(t, r, `#${i} ${m.kind} ${JSON.stringify(detail).slice(0, 200)}${m.reseal ? " (resealed)" : ""}`);
      rmSync(dir, { recursive: true, force: true });
    }
    report("checkpoint mutations", t);
    console.log(`  mutation kinds rejected by the method's importState (named with the checkpoint folder): ${[...importCodes].sort().join(", ")}`);
    expect(t.tried).toBeGreaterThanOrEqual(150);
    expect(t.failures.slice(0, 5).join("\n")).toBe("");
    expect(t.rejected).toBeGreaterThan(t.tried / 2);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(snapshot(outer, work)).toEqual(before);
  });
});

// ---- data files ----------------------------------------------------------------------------------

/** Creates the dataset through the registry (as a spec would) and reads one batch from it. */
async function loadOneBatch(kind: string, params: Record<string, unknown>): Promise<void> {
  const dataset = registry.create("dataset", kind, { batchSize: 2, ...params });
  const stream = dataset.stream({ seed: 1 });
  const first = await stream.next();
  if (!first.done) {
    first.value.x.dispose();
    first.value.y?.dispose();
  }
  await stream.return?.();
}

interface DataMutation { readonly target: number; readonly bytes: ByteMutation; readonly header: number; readonly v: number; readonly useHeader: boolean }
const dataMutationArb: fc.Arbitrary<DataMutation> = fc.record({ target: fc.nat(), bytes: byteMutationArb, header: fc.nat(), v: fc.nat(), useHeader: fc.boolean() });

const floats = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i));

/** NPY header edits: the dict text rewritten (dtype, order, shape) or the version/length bytes changed. */
function editNpyHeader(bytes: Uint8Array, which: number, v: number): Uint8Array {
  const text = new TextDecoder("latin1").decode(bytes.subarray(10, 10 + new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true)));
  const dicts = [
    text.replace(/'descr': '[^']*'/, `'descr': '${["<f2", "<i8", "|O", "<c8", ">f4", "=f4", "<u4", "|b1", "<f8", ""][v % 10]}'`),
    text.replace("'fortran_order': False", "'fortran_order': True"),
    text.replace(/'shape': \([^)]*\)/, `'shape': ${["(1000000000, 1000000000)", "(99999999999999999999,)", "(-1, 2)", "(0, 2)", "()", "(16,)", "(8, 4)", "(16, 2, 1)", "(2.5, 2)", "(x)", "(17, 2)", "(4294967296, 2)"][v % 12]}`),
    text.replace("'shape'", "'shap'"),
    "{}".padEnd(text.length),
  ];
  const out = Uint8Array.from(bytes);
  if (which % 7 >= dicts.length) {
    if (which % 7 === 5) out[6] = [0, 4, 255, 2, 3][v % 5]; // version byte (2 and 3 read the length as 4 bytes)
    else new DataView(out.buffer).setUint16(8, [0, 1, 65535, text.length + 64][v % 4], true);
    return out;
  }
  const dict = dicts[which % dicts.length].padEnd(text.length).slice(0, text.length);
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i) & 0xff;
  return out;
}

/** IDX header edits: element type, number of dims, and each dim (lying about the data). */
function editIdxHeader(bytes: Uint8Array, which: number, v: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const view = new DataView(out.buffer);
  const ndim = out[3];
  if (which % 3 === 0) out[2] = [0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x00, 0x07, 0xff][v % 8];
  else if (which % 3 === 1) out[3] = [0, 1, 2, 4, 5, 255][v % 6];
  else view.setUint32(4 + 4 * (v % ndim), [0, 1, 3, 9, 0xffffffff, 0x7fffffff, 65536][(v >> 2) % 7], false);
  return out;
}

/** PNG header edits: IHDR width/height/depth/colour type (the chunk's CRC is not checked by the decoder). */
function editPngHeader(bytes: Uint8Array, which: number, v: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const view = new DataView(out.buffer);
  const huge = [0, 1, 30_000, 65_535, 2 ** 31 - 1, 2 ** 32 - 1, 7][v % 7];
  if (which % 4 === 0) view.setUint32(16, huge, false);
  else if (which % 4 === 1) view.setUint32(20, huge, false);
  else if (which % 4 === 2) out[24] = [0, 3, 7, 16, 32][v % 5];
  else out[25] = [1, 5, 7, 3, 4][v % 5];
  return out;
}

describe("mutated data files load, or fail with a GantryError naming the file", () => {
  it("≥ 200 seeded mutations of NPY, IDX and PNG/JPEG files, loaded through the dataset entries", async () => {
    const t = tally();
    const tensorsBefore = tf.memory().numTensors;
    const npyBases = {
      samples: encodeNpy({ dtype: "float32", shape: [16, 2], data: floats(32) }),
      images: encodeNpy({ dtype: "uint8", shape: [8, 3, 3, 1], data: Uint8Array.from({ length: 72 }, (_, i) => i * 3) }),
      labels: encodeNpy({ dtype: "int32", shape: [16], data: Int32Array.from({ length: 16 }, (_, i) => i % 4) }),
    };
    const idxBases = {
      images: encodeIdx({ dtype: "uint8", shape: [8, 4, 4], data: Uint8Array.from({ length: 128 }, (_, i) => (i * 7) % 256) }),
      labels: encodeIdx({ dtype: "uint8", shape: [8], data: Uint8Array.from({ length: 8 }, (_, i) => i % 3) }),
    };
    const png = encodePng({ width: 6, height: 5, channels: 3, depth: 8, data: Uint8Array.from({ length: 90 }, (_, i) => (i * 11) % 256) });
    const gray16 = encodePng({ width: 4, height: 4, channels: 1, depth: 16, data: Uint16Array.from({ length: 16 }, (_, i) => i * 4000) });
    const jpg = new Uint8Array(jpeg.encode({ width: 6, height: 5, data: Buffer.from(Uint8Array.from({ length: 120 }, (_, i) => (i * 13) % 256)) }, 90).data);

    const mutations = fc.sample(dataMutationArb, { seed: SEED + 1, numRuns: 240 });
    for (const [i, m] of mutations.entries()) {
      const dir = join(work, "data", `case-${i}`);
      mkdirSync(dir, { recursive: true });
      const format = (["npy", "idx", "image"] as const)[i % 3];
      let label = `#${i} ${format}`;
      let files: string[];
      let load: () => Promise<void>;
      if (format === "npy") {
        const which = (["samples", "images", "labels"] as const)[m.target % 3];
        const base = npyBases[which];
        const bytes = m.useHeader ? editNpyHeader(base, m.header, m.v) : mutateBytes(base, m.bytes);
        const path = join(dir, "x.npy");
        const labels = join(dir, "y.npy");
        writeFileSync(path, which === "labels" ? npyBases.samples : bytes);
        writeFileSync(labels, which === "labels" ? bytes : npyBases.labels);
        const withLabels = which !== "images";
        files = [path, labels]; // a count mismatch is reported on the labels file, whichever was changed
        load = () => loadOneBatch("npy", { path, ...(withLabels ? { labels } : {}) });
        label += ` ${which} ${m.useHeader ? `header ${m.header % 7}/${m.v}` : JSON.stringify(m.bytes)}`;
      } else if (format === "idx") {
        const which = (["images", "labels"] as const)[m.target % 2];
        const base = idxBases[which];
        const bytes = m.useHeader ? editIdxHeader(base, m.header, m.v) : mutateBytes(base, m.bytes);
        const images = join(dir, "images-idx3-ubyte");
        const labels = join(dir, "labels-idx1-ubyte");
        writeFileSync(images, which === "images" ? bytes : idxBases.images);
        writeFileSync(labels, which === "labels" ? bytes : idxBases.labels);
        files = [images, labels];
        load = () => loadOneBatch("idx", { images, labels });
        label += ` ${which} ${m.useHeader ? `header ${m.header % 3}/${m.v}` : JSON.stringify(m.bytes)}`;
      } else {
        const which = (["png", "gray16", "jpg"] as const)[m.target % 3];
        const base = { png, gray16, jpg }[which];
        const bytes = m.useHeader && which !== "jpg" ? editPngHeader(base, m.header, m.v) : mutateBytes(base, m.bytes);
        for (const c of ["a", "b"]) mkdirSync(join(dir, c));
        writeFileSync(join(dir, "a", "0.png"), png);
        writeFileSync(join(dir, "b", "1.jpg"), jpg);
        // "!m" sorts before "0.png", so the mutated image is sometimes the first one (whose size the others must have).
        const mutated = join(dir, m.target % 2 ? "a" : "b", `${m.v % 2 ? "!" : "_"}m.${which === "jpg" ? "jpg" : "png"}`);
        writeFileSync(mutated, bytes);
        // Some folders also hold a link loop, a dangling link, a folder named like an image, or a self-link.
        const link = [() => symlinkSync(dir, join(dir, "a", "loop")), () => symlinkSync(join(dir, "nowhere"), join(dir, "b", "dead.png")),
          () => mkdirSync(join(dir, "a", "folder.png")), () => symlinkSync(join(dir, "b", "self"), join(dir, "b", "self"))][(m.header >> 3) % 6];
        link?.();
        files = [mutated, dir];
        const size = m.v % 3 === 0 ? undefined : 4;
        load = () => loadOneBatch("image-folder", { dir, channels: m.v % 2 ? 1 : 3, ...(size ? { size } : {}) });
        label += ` ${which} ${m.useHeader && which !== "jpg" ? `IHDR ${m.header % 4}/${m.v}` : JSON.stringify(m.bytes)}`;
      }
      record(t, await timed(load, files), label);
      rmSync(dir, { recursive: true, force: true });
    }
    report("data file mutations", t);
    expect(t.tried).toBeGreaterThanOrEqual(200);
    expect(t.failures.slice(0, 5).join("\n")).toBe("");
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(snapshot(outer, work)).toEqual(before);
  });
});

// ---- what the suites found, pinned ---------------------------------------------------------------

describe("files that crashed a reader before, now rejected with a clear error", () => {
  const expectRejected = async (load: () => Promise<unknown> | unknown, code: string, file: string, field?: string) => {
    let error: unknown;
    try {
      await load();
    } catch (e) {
      error = e;
    }
    expect(isGantryError(error, code), String(error)).toBe(true);
    expect((error as { where: { file?: string; field?: string } }).where).toMatchObject({ file, ...(field ? { field } : {}) });
  };

  it("a state.json that is not an object, or has a field of the wrong type (was: TypeError, or a step of \"2\")", async () => {
    for (const [text, field] of [["null", undefined], ["[1]", undefined], [JSON.stringify({ format: "gantry-checkpoint/1", step: "2", specHash: "h", method: {}, files: {} }), "step"],
      [JSON.stringify({ format: "gantry-checkpoint/1", step: 2, specHash: "h", files: {} }), "method"]] as const) {
      const dir = join(work, "pinned", "state");
      cpSync(checkpoint, dir, { recursive: true });
      writeFileSync(join(dir, "state.json"), text);
      await expectRejected(() => readCheckpoint(dir), "CHECKPOINT_CORRUPT", join(dir, "state.json"), field);
      rmSync(dir, { recursive: true });
    }
  });

  it("an image of zero width or height (was: a TF.js slice error, or a 'resized' image made of nothing)", async () => {
    const png = encodePng({ width: 6, height: 5, channels: 3, depth: 8, data: new Uint8Array(90) });
    for (const size of [undefined, 4]) {
      const dir = join(work, "pinned", "zero");
      mkdirSync(dir, { recursive: true });
      const flat = Uint8Array.from(png);
      new DataView(flat.buffer).setUint32(16, 0, false);
      writeFileSync(join(dir, "0.png"), flat);
      writeFileSync(join(dir, "1.png"), png);
      await expectRejected(() => loadOneBatch("image-folder", { dir, ...(size ? { size } : {}) }), "DATA_BAD_IMAGE", join(dir, "0.png"));
      rmSync(dir, { recursive: true });
    }
  });

  it("image folders with link loops read each image once; a dangling link is named (was: ELOOP/ENOENT from stat)", async () => {
    const dir = join(work, "pinned", "links");
    mkdirSync(join(dir, "a"), { recursive: true });
    writeFileSync(join(dir, "a", "0.png"), encodePng({ width: 2, height: 2, channels: 3, depth: 8, data: new Uint8Array(12) }));
    writeFileSync(join(dir, "a", "1.png"), encodePng({ width: 2, height: 2, channels: 3, depth: 8, data: new Uint8Array(12).fill(9) }));
    symlinkSync(dir, join(dir, "a", "loop"));
    symlinkSync(join(dir, "a", "self"), join(dir, "a", "self"));
    await expectRejected(() => loadOneBatch("image-folder", { dir }), "DATA_NOT_FOUND", join(dir, "a", "self"));
    rmSync(join(dir, "a", "self"));
    expect(registry.create("dataset", "image-folder", { dir, batchSize: 2 }).info.size).toBe(2);
    symlinkSync(join(dir, "nowhere"), join(dir, "a", "dead.png"));
    await expectRejected(() => loadOneBatch("image-folder", { dir }), "DATA_NOT_FOUND", join(dir, "a", "dead.png"));
    rmSync(dir, { recursive: true });
  });
});
