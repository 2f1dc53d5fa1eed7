// Saved reference statistics on disk: statistics-file.ts's safetensors bytes written atomically and read
// back, and the file-backed StatisticsStore that metric/fid uses in Node. Node-only (@gantry/metrics/node).
import { existsSync } from "node:fs";
import { readFile, rename, writeFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { decodeStatistics, encodeStatistics, type SavedStatistics, type StatisticsStore } from "./statistics-file.js";

/** Writes atomically (temporary file, then rename), creating the folder. */
export async function saveStatistics(path: string, saved: SavedStatistics): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, encodeStatistics(saved));
  await rename(tmp, path);
}

export async function loadStatistics(path: string): Promise<SavedStatistics> {
  return decodeStatistics(new Uint8Array(await readFile(path)), path);
}

/** metric/fid's `statistics` param as a file path: read when the file exists, else written there. */
export const fileStatisticsStore: StatisticsStore = Object.freeze({
  load: async (path: string) => (existsSync(path) ? loadStatistics(path) : undefined),
  save: saveStatistics,
});
