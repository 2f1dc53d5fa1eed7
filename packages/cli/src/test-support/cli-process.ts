// Runs the built `gantry` binary as a real child process (the way users run it) and finds run folders.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

export interface CliResult { readonly code: number | null; readonly stdout: string; readonly stderr: string }

export function gantry(args: readonly string[], cwd: string, timeoutMs = 240_000): CliResult {
  if (!existsSync(BIN)) throw new Error(`build the cli first: ${BIN} is missing`);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: timeoutMs, env: { ...process.env, CI: "true" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function gantryAsync(args: readonly string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } });
}

/** The single run folder under runs/<name>/. */
export function runFolder(runsDir: string, name: string): string {
  const dirs = readdirSync(join(runsDir, name));
  if (dirs.length !== 1) throw new Error(`expected one run of ${name}, found ${dirs.length}`);
  return join(runsDir, name, dirs[0]);
}

export function hasChromium(): boolean {
  return spawnSync("which", ["chromium"]).status === 0;
}
