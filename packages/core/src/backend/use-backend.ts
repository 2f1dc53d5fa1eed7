// useBackend: picks the first backend that sets up (ADR 0002), installs TF.js's gradients and
// Gantry's gradient fixes after it (registration order decides which gradient wins), logs the
// choice and returns the backend's name. Core imports no backend package.
import * as tf from "@tensorflow/tfjs-core";
import { GantryError } from "../errors.js";
import type { Backend } from "../kinds/backend.js";
import type { Registry } from "../registry/registry.js";
import { installGradientFixes } from "./gradient-fixes.js";

export interface UseBackendOptions {
  /** Where the choice and the failures are reported; default console.info. */
  readonly log?: (message: string) => void;
}

export async function useBackend(backends: Backend | readonly Backend[], options?: UseBackendOptions): Promise<string>;
export async function useBackend(registry: Registry, names: string | readonly string[], options?: UseBackendOptions): Promise<string>;
export async function useBackend(
  first: Backend | readonly Backend[] | Registry,
  second?: string | readonly string[] | UseBackendOptions,
  third?: UseBackendOptions,
): Promise<string> {
  const fromRegistry = isRegistry(first);
  const candidates = fromRegistry ? resolveNames(first, second as string | readonly string[]) : toList(first as Backend | readonly Backend[]);
  const options = (fromRegistry ? third : (second as UseBackendOptions | undefined)) ?? {};
  const log = options.log ?? ((m: string) => console.info(m));
  const failures: string[] = [];
  for (const candidate of candidates) {
    if (typeof candidate === "string") {
      failures.push(candidate);
      continue;
    }
    try {
      await candidate.setup();
    } catch (e) {
      failures.push(`${candidate.name}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
      continue;
    }
    await installGradientFixes();
    const skipped = failures.length ? ` (skipped ${failures.join("; ")})` : "";
    log(`gantry: using backend ${candidate.name}${skipped}`);
    return candidate.name;
  }
  throw new GantryError("BACKEND_UNAVAILABLE", `no backend could be set up: ${failures.join("; ") || "none was given"}`, {
    hint: "install @gantry/backend-wasm (works everywhere) or @gantry/backend-cpu and pass it to useBackend",
  });
}

function isRegistry(v: unknown): v is Registry {
  return typeof v === "object" && v !== null && typeof (v as Registry).use === "function" && typeof (v as Registry).create === "function";
}

function toList(b: Backend | readonly Backend[]): readonly Backend[] {
  return Array.isArray(b) ? b : [b as Backend];
}

/** Registry names → backends; an unknown name becomes a failure message rather than an error. */
function resolveNames(registry: Registry, names: string | readonly string[] | undefined): (Backend | string)[] {
  const list = typeof names === "string" ? [names] : [...(names ?? [])];
  if (list.length === 0) throw new GantryError("BACKEND_NONE_GIVEN", "no backend names were given", { hint: 'e.g. useBackend(registry, ["wasm", "cpu"])' });
  return list.map((name) => (registry.has("backend", name) ? registry.create("backend", name) : `${name}: not registered`));
}

/** The name of the active TF.js backend. */
export function currentBackend(): string {
  return tf.getBackend();
}
