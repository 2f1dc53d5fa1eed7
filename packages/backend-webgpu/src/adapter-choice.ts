// Picks a WebGPU adapter from Dawn: a named one (part of its name, or its index in Dawn's list), else
// the first hardware adapter for the preferred power mode, then the other; a software adapter only
// when allowed. WebGPU can't enumerate adapters, so the list is read from Dawn's "adapter=" error.
import type { AdapterInfoLike, AdapterLike, DawnModule, GpuLike, PowerPreference } from "./dawn-types.js";
import { isSoftwareAdapter } from "./adapter-info.js";
import { adapterNotFound, noAdapter, softwareOnly } from "./setup-errors.js";

export interface AdapterRequest {
  readonly allowSoftware: boolean;
  /** Case-insensitive part of an adapter name, or its index in `listAdapters()`. */
  readonly selector?: string | number;
  readonly powerPreference: PowerPreference;
}

export interface ChosenAdapter {
  readonly gpu: GpuLike;
  readonly adapter: AdapterLike;
  readonly software: boolean;
}

/** Either an adapter, or why none was taken: nothing found, or only software adapters (not allowed). */
export type AdapterOutcome = ChosenAdapter | { readonly none: true; readonly rejected?: AdapterInfoLike };

export interface ListedAdapter {
  readonly backend: string;
  readonly name: string;
}

const noSuchAdapter = "adapter=\u0001gantry-list-adapters";

/** Dawn's adapter list (backend and name), read from the error it raises for an unknown adapter name. */
export async function listAdapters(dawn: DawnModule): Promise<ListedAdapter[]> {
  try {
    await dawn.create([noSuchAdapter]).requestAdapter();
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return [...text.matchAll(/\* backend: '([^']*)', name: '([^']*)'/g)].map((m) => ({ backend: m[1] ?? "", name: m[2] ?? "" }));
  }
  return [];
}

export async function chooseAdapter(dawn: DawnModule, request: AdapterRequest): Promise<AdapterOutcome> {
  if (request.selector !== undefined && request.selector !== "") return chooseNamed(dawn, request, request.selector);
  const gpu = dawn.create([]);
  const other: PowerPreference = request.powerPreference === "low-power" ? "high-performance" : "low-power";
  let software: AdapterLike | undefined;
  for (const powerPreference of [request.powerPreference, other]) {
    const adapter = await gpu.requestAdapter({ powerPreference });
    if (!adapter) continue;
    if (!isSoftwareAdapter(adapter.info)) return { gpu, adapter, software: false };
    software ??= adapter;
  }
  if (software && request.allowSoftware) return { gpu, adapter: software, software: true };
  return software ? { none: true, rejected: software.info } : { none: true };
}

async function chooseNamed(dawn: DawnModule, request: AdapterRequest, selector: string | number): Promise<ChosenAdapter> {
  const listed = await listAdapters(dawn);
  const match = pickListed(listed, selector);
  if (!match) throw adapterNotFound(String(selector), listed.map((a) => `${a.name} [${a.backend}]`));
  const gpu = dawn.create([`adapter=${match.name}`, `backend=${match.backend}`]);
  const adapter = await gpu.requestAdapter({ powerPreference: request.powerPreference });
  if (!adapter) throw noAdapter(`Dawn listed "${match.name}" but returned no adapter for it`);
  const software = isSoftwareAdapter(adapter.info);
  if (software && !request.allowSoftware) throw softwareOnly(adapter.info);
  return { gpu, adapter, software };
}

function pickListed(listed: readonly ListedAdapter[], selector: string | number): ListedAdapter | undefined {
  const s = String(selector).trim();
  if (/^\d+$/.test(s)) return listed[Number(s)];
  return listed.find((a) => a.name.toLowerCase().includes(s.toLowerCase()));
}
