// Checkpoints (ADR 0005): every tensor in one safetensors file with prefixed names, the rest in
// state.json with the tensor file's SHA-256. Written to a temporary folder, fsynced, renamed into place,
// older ones pruned after; a failed write (full disk, EIO) leaves no partial folder and names the disk.
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, mkdirSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import {
  GantryError, decodeSafetensors, disposeParams, encodeSafetensors, paramsToRaw, rawToParams,
  type JsonValue, type Method, type MethodState,
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

/**
 * The file operations of a checkpoint write. Node's by default; tests pass one that fills the disk,
 * fails with EIO, or "dies" part-way, to check what a crash or a full disk leaves behind.
 */
export interface CheckpointWriter {
  /** Creates a folder and its parents. */
  readonly mkdir: (dir: string) => void;
  /** Writes a whole file and fsyncs it. */
  readonly writeFile: (file: string, data: Uint8Array) => void;
  /** Fsyncs a folder, so that the entries renamed into it survive a power cut. */
  readonly syncDir: (dir: string) => void;
  readonly rename: (from: string, to: string) => void;
  /** Removes a file or a folder tree; absent is fine. */
  readonly remove: (path: string) => void;
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, "w");
  try {
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

export const nodeCheckpointWriter: CheckpointWriter = Object.freeze({
  mkdir: (dir: string) => void mkdirSync(dir, { recursive: true }),
  writeFile: writeDurably,
  syncDir: fsyncDir,
  rename: renameSync,
  remove: (path: string) => rmSync(path, { recursive: true, force: true }),
});

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * Writes a checkpoint atomically under `root`; returns its folder. A failed write (full disk, I/O
 * error) removes its temporary folder and throws CHECKPOINT_WRITE_FAILED; older checkpoints are untouched.
 */
export async function writeCheckpoint(
  root: string, state: MethodState, meta: CheckpointMeta, writer: CheckpointWriter = nodeCheckpointWriter,
): Promise<string> {
  const bytes = encodeSafetensors(await paramsToRaw(state.tensors), { format: CHECKPOINT_FORMAT, step: String(meta.step) });
  const final = join(root, checkpointName(meta.step));
  const tmp = join(root, `.tmp-${checkpointName(meta.step)}-${process.pid}`);
  try {
    writer.mkdir(root);
    writer.remove(tmp);
    writer.mkdir(tmp);
    writer.writeFile(join(tmp, TENSORS_FILE), bytes);
    const stateFile: StateFile = {
      format: CHECKPOINT_FORMAT, ...meta, method: state.json,
      files: { [TENSORS_FILE]: { sha256: sha256(bytes), bytes: bytes.length } },
    };
    writer.writeFile(join(tmp, STATE_FILE), Buffer.from(JSON.stringify(stateFile, null, 1)));
    writer.syncDir(tmp);
    publish(tmp, final, writer);
    writer.syncDir(root);
  } catch (e) {
    removeQuietly(tmp, writer);
    throw writeFailure(e, root, final, meta.step);
  }
  return final;
}

/** Renames the complete temporary folder to its final name, replacing an older copy of the same step. */
function publish(tmp: string, final: string, writer: CheckpointWriter): void {
  if (!existsSync(final)) return writer.rename(tmp, final);
  const old = `${final}.old-${process.pid}`;
  writer.rename(final, old);
  try {
    writer.rename(tmp, final);
  } catch (e) {
    writer.rename(old, final);
    throw e;
  }
  removeQuietly(old, writer);
}

function removeQuietly(path: string, writer: CheckpointWriter): void {
  try {
    writer.remove(path);
  } catch {
    // Best effort: pruneCheckpoints removes what other processes left, and listCheckpoints ignores it.
  }
}

/** What an errno says about the disk, in words a user can act on. */
const DISK_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EIO: "the disk reported an input/output error",
  EROFS: "the file system is read-only",
};

/** A file-system error as CHECKPOINT_WRITE_FAILED naming the checkpoint; anything else unchanged. */
function writeFailure(e: unknown, root: string, final: string, step: number): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (!(e instanceof Error) || typeof code !== "string") return e;
  const what = DISK_ERRORS[code] ? `${DISK_ERRORS[code]} (${code})` : e.message;
  const previous = listCheckpoints(root).filter((c) => c.path !== final).at(-1);
  const resume = previous ? `; \`gantry resume\` continues from ${previous.path}, which is intact` : "";
  const fix = code === "ENOSPC" || code === "EDQUOT" ? `free space on the disk holding ${root}` : `check the disk holding ${root}`;
  return new GantryError("CHECKPOINT_WRITE_FAILED", `cannot write the checkpoint of step ${step}: ${what}`, {
    where: { file: final }, hint: `${fix}${resume}`, cause: e,
  });
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

/**
 * Removes all but the newest `keep` checkpoints and what killed writers left: temporary folders, and
 * replaced copies (`step-N.old-<pid>`) whose step-N is in place. A checkpoint is renamed away before
 * it is deleted, so a kill mid-delete never leaves half a checkpoint under a step-N name.
 */
export function pruneCheckpoints(root: string, keep: number): void {
  const all = listCheckpoints(root);
  for (const c of all.slice(0, Math.max(0, all.length - keep))) removeCheckpoint(root, c);
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    if (name.endsWith(`-${process.pid}`)) continue;
    const replaced = /^(step-\d+)\.old-\d+$/.exec(name);
    if (name.startsWith(".tmp-") || (replaced && existsSync(join(root, replaced[1], STATE_FILE)))) {
      rmSync(join(root, name), { recursive: true, force: true });
    }
  }
}

/** Deletes one checkpoint under `root`, renamed away first so a kill mid-delete leaves no half checkpoint under its step-N name. */
export function removeCheckpoint(root: string, c: CheckpointRef): void {
  const doomed = join(root, `.tmp-pruned-${basename(c.path)}-${process.pid}`);
  renameSync(c.path, doomed);
  rmSync(doomed, { recursive: true, force: true });
}

/** Reads and verifies a checkpoint; the caller disposes `state.tensors`. */
/** A checkpoint read back: where it is, its step and spec hash, and the method state (the caller disposes its tensors). */
export interface LoadedCheckpoint {
  readonly path: string;
  readonly meta: CheckpointMeta;
  readonly state: MethodState;
}

export function readCheckpoint(path: string): LoadedCheckpoint {
  const stateFile = join(path, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(stateFile, "utf8");
  } catch (e) {
    throw corrupt(stateFile, `cannot read: ${(e as Error).message}`);
  }
  const parsed = parseStateFile(text, stateFile);
  const tensorsFile = join(path, TENSORS_FILE);
  const bytes = existsSync(tensorsFile) ? new Uint8Array(readFileSync(tensorsFile)) : undefined;
  const expected = parsed.files[TENSORS_FILE];
  if (!bytes || !expected || sha256(bytes) !== expected.sha256) throw corrupt(tensorsFile, "missing, or its checksum does not match state.json");
  const { tensors } = decodeSafetensors(bytes, tensorsFile);
  return { path, meta: { step: parsed.step, specHash: parsed.specHash }, state: { tensors: rawToParams(tensors), json: parsed.method } };
}

/**
 * `method.importState` of a loaded checkpoint, then its tensors disposed. A state the method rejects (a
 * checkpoint of another spec, hand-edited tensors) is the method's GantryError with the checkpoint's folder as its file.
 */
export function importCheckpoint(method: Method, checkpoint: LoadedCheckpoint): void {
  try {
    method.importState(checkpoint.state);
  } catch (e) {
    if (!(e instanceof GantryError)) throw e;
    throw new GantryError(e.code, e.message, { where: { ...e.where, file: checkpoint.path }, ...(e.hint !== undefined ? { hint: e.hint } : {}), cause: e });
  } finally {
    disposeParams(checkpoint.state.tensors);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** state.json's fields, each checked: a damaged or hand-edited file is an error naming the field, not a TypeError later. */
function parseStateFile(text: string, file: string): StateFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw corrupt(file, `not JSON: ${(e as Error).message}`);
  }
  if (!isRecord(parsed)) throw corrupt(file, "not a JSON object");
  const bad = (field: string, want: string): GantryError => corrupt(file, `${want}, found ${JSON.stringify(parsed[field]) ?? "nothing"}`, field);
  if (parsed.format !== CHECKPOINT_FORMAT) throw corrupt(file, `unknown format ${JSON.stringify(parsed.format)}`, "format");
  if (!Number.isSafeInteger(parsed.step) || (parsed.step as number) < 0) throw bad("step", "step must be a non-negative integer");
  if (typeof parsed.specHash !== "string") throw bad("specHash", "specHash must be a string");
  if (!("method" in parsed)) throw bad("method", "the method's JSON state is missing");
  const files = parsed.files;
  const entry = isRecord(files) ? files[TENSORS_FILE] : undefined;
  if (!isRecord(entry) || typeof entry.sha256 !== "string") throw bad("files", `files must give the sha256 of ${TENSORS_FILE}`);
  return parsed as unknown as StateFile;
}

/** The newest checkpoint that reads back intact (a damaged newer one is skipped, with a warning). */
export function latestCheckpoint(root: string, warn: (m: string) => void = () => {}): LoadedCheckpoint | undefined {
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

function corrupt(file: string, message: string, field?: string): GantryError {
  return new GantryError("CHECKPOINT_CORRUPT", message, { where: field ? { file, field } : { file }, hint: "resume from an older checkpoint, or start the run again" });
}

