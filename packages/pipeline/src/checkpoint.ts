// Checkpoints (ADR 0005): every tensor of the method in one safetensors file with prefixed
// names, the rest in state.json with a SHA-256 of the tensor file. Written to a temporary folder,
// fsynced, then renamed into place; older ones are pruned only after the new one is complete.
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, mkdirSync, writeSync } from "node:fs";
import { join } from "node:path";
import {
  GantryError, decodeSafetensors, encodeSafetensors, paramsToRaw, rawToParams,
  type JsonValue, type MethodState,
} from "@gantry/core";

export const CHECKPOINT_FORMAT = "gantry-checkpoint/1";
const TENSORS_FILE = "params.safetensors";
const STATE_FILE = "state.json";

export interface CheckpointMeta {
  readonly step: number;
  readonly specHash: string;
}

interface StateFile extends CheckpointMeta {
  readonly format: string;
  readonly method: JsonValue;
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly bytes: number }>>;
}

export interface CheckpointRef {
  readonly step: number;
  readonly path: string;
}

export const checkpointName = (step: number): string => `step-${String(step).padStart(6, "0")}`;

function writeDurably(file: string, data: Uint8Array | string): void {
  const fd = openSync(file, "w");
  try {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** Writes a checkpoint atomically under `root`; returns its folder. */
export async function writeCheckpoint(root: string, state: MethodState, meta: CheckpointMeta): Promise<string> {
  mkdirSync(root, { recursive: true });
  const bytes = encodeSafetensors(await paramsToRaw(state.tensors), { format: CHECKPOINT_FORMAT, step: String(meta.step) });
  const tmp = join(root, `.tmp-${checkpointName(meta.step)}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  writeDurably(join(tmp, TENSORS_FILE), bytes);
  const stateFile: StateFile = {
    format: CHECKPOINT_FORMAT, ...meta, method: state.json,
    files: { [TENSORS_FILE]: { sha256: sha256(bytes), bytes: bytes.length } },
  };
  writeDurably(join(tmp, STATE_FILE), JSON.stringify(stateFile, null, 1));
  fsyncDir(tmp);
  const final = join(root, checkpointName(meta.step));
  if (existsSync(final)) {
    const old = `${final}.old-${process.pid}`;
    renameSync(final, old);
    renameSync(tmp, final);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, final);
  }
  fsyncDir(root);
  return final;
}

/** Complete checkpoints under `root`, oldest first (temporary folders are ignored). */
export function listCheckpoints(root: string): CheckpointRef[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((name) => /^step-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && existsSync(join(root, m[0], STATE_FILE)))
    .map((m) => ({ step: Number(m[1]), path: join(root, m[0]) }))
    .sort((a, b) => a.step - b.step);
}

/** Removes all but the newest `keep` checkpoints and any leftover temporary folders. */
export function pruneCheckpoints(root: string, keep: number): void {
  const all = listCheckpoints(root);
  for (const c of all.slice(0, Math.max(0, all.length - keep))) rmSync(c.path, { recursive: true, force: true });
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    if (name.startsWith(".tmp-") && !name.endsWith(`-${process.pid}`)) rmSync(join(root, name), { recursive: true, force: true });
  }
}

/** Reads and verifies a checkpoint; the caller disposes `state.tensors`. */
export function readCheckpoint(path: string): { meta: CheckpointMeta; state: MethodState } {
  const stateFile = join(path, STATE_FILE);
  let parsed: StateFile;
  try {
    parsed = JSON.parse(readFileSync(stateFile, "utf8")) as StateFile;
  } catch (e) {
    throw corrupt(stateFile, `cannot read: ${(e as Error).message}`);
  }
  if (parsed.format !== CHECKPOINT_FORMAT) throw corrupt(stateFile, `unknown format ${JSON.stringify(parsed.format)}`);
  const tensorsFile = join(path, TENSORS_FILE);
  const bytes = existsSync(tensorsFile) ? new Uint8Array(readFileSync(tensorsFile)) : undefined;
  const expected = parsed.files?.[TENSORS_FILE];
  if (!bytes || !expected || sha256(bytes) !== expected.sha256) throw corrupt(tensorsFile, "missing, or its checksum does not match state.json");
  const { tensors } = decodeSafetensors(bytes, tensorsFile);
  return { meta: { step: parsed.step, specHash: parsed.specHash }, state: { tensors: rawToParams(tensors), json: parsed.method } };
}

/** The newest checkpoint that reads back intact (a damaged newer one is skipped, with a warning). */
export function latestCheckpoint(root: string, warn: (m: string) => void = () => {}): ReturnType<typeof readCheckpoint> | undefined {
  for (const ref of listCheckpoints(root).reverse()) {
    try {
      return readCheckpoint(ref.path);
    } catch (e) {
      if (!(e instanceof GantryError)) throw e;
      warn(`skipping damaged checkpoint ${ref.path}: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  return undefined;
}

function corrupt(file: string, message: string): GantryError {
  return new GantryError("CHECKPOINT_CORRUPT", message, { where: { file }, hint: "resume from an older checkpoint, or start the run again" });
}

