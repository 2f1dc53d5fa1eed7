// The webgpu backend: TF.js's WebGPU kernels on a WebGPU implementation given as injected deps: the
// page's navigator.gpu here (browser-safe), Dawn (the `webgpu` npm package) in node-webgpu-backend.ts
// (@gantry/backend-webgpu/node). The adapter is chosen by Gantry (hardware first; software such as
// SwiftShader only when asked), plus Gantry's kernel fixes. It throws a GantryError naming what to
// install when no usable adapter exists.
import { GantryError, tf, type Backend } from "@gantry/core";
import type { AdapterLike, DawnModule, DeviceLike, GpuLike, PowerPreference, TfjsWebgpuModule } from "./dawn-types.js";
import { chooseAdapter, type ChosenAdapter } from "./adapter-choice.js";
import { describeAdapter } from "./adapter-info.js";
import { notInstalled, noAdapter, noNavigatorGpu, noVulkanLoader, setupFailed, softwareOnly } from "./setup-errors.js";
import { registerWebgpuKernelFixes } from "./kernel-fixes.js";
import { tuneMatMulForAdapter } from "./software-tuning.js";
import { guardSyncRead } from "./sync-read.js";

export interface WebgpuOptions {
  /** Accept a software adapter (SwiftShader): for tests only. Default: env GANTRY_WEBGPU_ALLOW_SOFTWARE=1. */
  readonly allowSoftware?: boolean;
  /** Part of an adapter name (case-insensitive) or its index in Dawn's list. Default: env GANTRY_WEBGPU_ADAPTER. */
  readonly adapter?: string | number;
  /** Which adapter WebGPU should prefer; default "high-performance". */
  readonly powerPreference?: PowerPreference;
  /** Where the chosen adapter is reported; default console.info. */
  readonly log?: (message: string) => void;
}

/** What setup needs from the outside world; tests replace it with fakes. */
export interface WebgpuDeps {
  importDawn(): Promise<DawnModule>;
  importTfjsWebgpu(): Promise<TfjsWebgpuModule>;
  hasVulkanLoader(): boolean;
  findSwiftShaderIcd(): string | undefined;
  /** Read for GANTRY_WEBGPU_* and written (VK_ICD_FILENAMES) when SwiftShader is located. */
  readonly env: Record<string, string | undefined>;
  readonly platform: string;
  /** Where navigator.gpu and the GPU* constants are installed (globalThis). */
  readonly global: Record<string, unknown>;
}

/**
 * A page's WebGPU as the deps: navigator.gpu stands in for Dawn's `create()` (a browser picks its own
 * adapter, so naming one needs Dawn), tfjs-backend-webgpu is imported by name so bundlers include it,
 * and there is no Vulkan loader or SwiftShader to look for.
 */
export function pageDeps(global: Record<string, unknown>): WebgpuDeps {
  return {
    importDawn: async () => browserDawn(global),
    importTfjsWebgpu: async () => (await import("@tensorflow/tfjs-backend-webgpu")) as unknown as TfjsWebgpuModule,
    hasVulkanLoader: () => true,
    findSwiftShaderIcd: () => undefined,
    env: {},
    platform: "browser",
    global,
  };
}

export const browserDeps: WebgpuDeps = pageDeps(globalThis as unknown as Record<string, unknown>);

function browserDawn(global: Record<string, unknown>): DawnModule {
  const gpu = (global.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) throw noNavigatorGpu();
  return {
    create(flags: string[]): GpuLike {
      if (flags.length > 0) throw new Error("choosing a WebGPU adapter by name needs Dawn (@gantry/backend-webgpu/node); a page's adapter is the browser's choice");
      return gpu;
    },
    globals: {},
  };
}

async function importOptional<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof GantryError) throw e;
    throw notInstalled(name, e);
  }
}

interface Active {
  readonly key: string;
  readonly gpu: GpuLike;
  readonly device: DeviceLike;
  readonly backend: tf.KernelBackend;
}

let active: Active | undefined;

/** A webgpu Backend on the page's navigator.gpu; `setup()` does the work, so creating one is free and never fails. */
export function webgpu(options: WebgpuOptions = {}): Backend {
  return createWebgpuBackend(options, browserDeps);
}

/** The default instance: hardware adapters only. */
export const webgpuBackend: Backend = webgpu();

export function createWebgpuBackend(options: WebgpuOptions, deps: WebgpuDeps): Backend {
  return Object.freeze({ name: "webgpu", setup: () => setupWebgpu(options, deps) });
}

async function setupWebgpu(options: WebgpuOptions, deps: WebgpuDeps): Promise<void> {
  const request = {
    allowSoftware: options.allowSoftware ?? deps.env.GANTRY_WEBGPU_ALLOW_SOFTWARE === "1",
    selector: options.adapter ?? deps.env.GANTRY_WEBGPU_ADAPTER,
    powerPreference: options.powerPreference ?? "high-performance",
  } as const;
  const key = JSON.stringify(request);
  if (active?.key === key && tf.findBackend("webgpu") === active.backend) {
    await activate();
    return;
  }
  const dawn = await importOptional("webgpu", deps.importDawn);
  installGlobals(deps.global, dawn.globals);
  const tfWebgpu = await importOptional("@tensorflow/tfjs-backend-webgpu", deps.importTfjsWebgpu);
  const chosen = await findAdapter(dawn, request, deps);
  const log = options.log ?? ((m: string) => console.info(m));
  log(`gantry: webgpu adapter ${describeAdapter(chosen.adapter.info)}${chosen.software ? " [software: slow, for tests]" : ""}`);
  await install(chosen, tfWebgpu, deps, key);
  registerWebgpuKernelFixes();
  tuneMatMulForAdapter(chosen.software);
  await activate();
}

/** Adapter per the request; when none exists and software is allowed, retries with SwiftShader. */
async function findAdapter(dawn: DawnModule, request: Parameters<typeof chooseAdapter>[1], deps: WebgpuDeps): Promise<ChosenAdapter> {
  let outcome = await chooseAdapter(dawn, request);
  if ("none" in outcome && !outcome.rejected && request.allowSoftware && useSwiftShader(deps)) {
    outcome = await chooseAdapter(dawn, request);
  }
  if (!("none" in outcome)) return outcome;
  if (outcome.rejected) throw softwareOnly(outcome.rejected);
  if (deps.platform === "linux" && !deps.hasVulkanLoader()) throw noVulkanLoader();
  throw noAdapter(vulkanDetail(deps));
}

/**
 * Points the Vulkan loader at Chromium's SwiftShader when the user has not chosen drivers
 * (VK_ICD_FILENAMES / VK_DRIVER_FILES). Done only after no adapter at all was found, so it never
 * hides a hardware GPU. Dawn reads the variable when it creates its next Vulkan instance.
 */
function useSwiftShader(deps: WebgpuDeps): boolean {
  if (deps.platform !== "linux" || deps.env.VK_ICD_FILENAMES || deps.env.VK_DRIVER_FILES) return false;
  const icd = deps.findSwiftShaderIcd();
  if (!icd) return false;
  deps.env.VK_ICD_FILENAMES = icd;
  return true;
}

function vulkanDetail(deps: WebgpuDeps): string {
  const icd = deps.env.VK_ICD_FILENAMES ?? deps.env.VK_DRIVER_FILES;
  return icd ? `Vulkan drivers limited to ${icd}` : "";
}

function installGlobals(global: Record<string, unknown>, dawnGlobals: object): void {
  for (const [name, value] of Object.entries(dawnGlobals)) {
    if (!(name in global)) global[name] = value;
  }
}

async function install(chosen: ChosenAdapter, tfWebgpu: TfjsWebgpuModule, deps: WebgpuDeps, key: string): Promise<void> {
  releaseWebgpu();
  // tfjs-backend-webgpu checks navigator.gpu (absent in Node 20) before it constructs a backend. A
  // page's navigator.gpu is already the chosen GPU (and a read-only getter), so it is left alone.
  const nav = (deps.global.navigator ?? {}) as Record<string, unknown>;
  if (!deps.global.navigator) deps.global.navigator = nav;
  if (nav.gpu !== chosen.gpu) nav.gpu = chosen.gpu;
  let device: DeviceLike;
  let backend: tf.KernelBackend;
  try {
    device = await chosen.adapter.requestDevice(deviceDescriptor(chosen.adapter));
    backend = new tfWebgpu.WebGPUBackend(device as never, chosen.adapter.info as never) as tf.KernelBackend;
    guardSyncRead(backend);
  } catch (e) {
    throw setupFailed("creating the WebGPU device", e);
  }
  // Replace any factory tfjs-backend-webgpu registered on import with this adapter's backend.
  if (tf.findBackendFactory("webgpu")) tf.removeBackend("webgpu");
  tf.registerBackend("webgpu", () => backend, 3);
  active = { key, gpu: chosen.gpu, device, backend };
}

/** The limits tfjs-backend-webgpu asks for (its own factory does the same), at the adapter's maximum. */
function deviceDescriptor(adapter: AdapterLike): { requiredFeatures: string[]; requiredLimits: Record<string, number> } {
  const names = ["maxComputeWorkgroupStorageSize", "maxComputeWorkgroupsPerDimension", "maxStorageBufferBindingSize",
    "maxBufferSize", "maxComputeWorkgroupSizeX", "maxComputeInvocationsPerWorkgroup"];
  const requiredLimits: Record<string, number> = {};
  for (const n of names) {
    const v = adapter.limits[n];
    if (typeof v === "number") requiredLimits[n] = v;
  }
  const requiredFeatures = adapter.features.has("timestamp-query") ? ["timestamp-query"] : [];
  return { requiredFeatures, requiredLimits };
}

async function activate(): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend("webgpu");
  } catch (e) {
    throw setupFailed("activating the webgpu backend", e);
  }
  if (!ok) throw setupFailed("activating the webgpu backend", "tf.setBackend('webgpu') returned false");
  await tf.ready();
}

/**
 * Removes the webgpu backend, destroys its device and drops navigator.gpu, so Node can exit (Dawn
 * keeps the process alive while its GPU object is reachable). A later setup() starts afresh.
 */
export function releaseWebgpu(global: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  if (!active) return;
  if (tf.findBackend("webgpu") === active.backend) tf.removeBackend("webgpu");
  active.device.destroy();
  const nav = global.navigator as Record<string, unknown> | undefined;
  if (nav && Object.hasOwn(nav, "gpu") && nav.gpu === active.gpu) delete nav.gpu;
  active = undefined;
}
