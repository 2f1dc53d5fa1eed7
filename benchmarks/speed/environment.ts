// What the speed numbers were measured on: cores, load (uptime), CPU, Node/TF.js/PyTorch versions and
// OpenBLAS's build string from the native addon, for the header of docs/performance.md.
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { tf } from "@gantry/core";
import { loadAddon } from "../../packages/backend-native/src/index.ts";

export interface Environment {
  readonly nproc: number;
  readonly cpu: string;
  readonly node: string;
  readonly tfjs: string;
  readonly blas: string;
}

export const uptime = (): string => execSync("uptime", { encoding: "utf8" }).trim();

function cpuModel(): string {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function environment(): Environment {
  const addon = loadAddon();
  return {
    nproc: availableParallelism(), cpu: cpuModel(), node: process.version, tfjs: tf.version_core,
    blas: addon.ok ? addon.addon.blasConfig() : `native addon unavailable: ${addon.reason}`,
  };
}
