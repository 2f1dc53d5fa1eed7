// The few WebGPU/Dawn shapes this package touches, typed structurally so that the package's types
// never require `webgpu` or `@webgpu/types` (both optional) and tests can pass fakes.

export interface AdapterInfoLike {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter?: boolean;
}

export interface AdapterLike {
  readonly info: AdapterInfoLike;
  readonly features: ReadonlySet<string>;
  readonly limits: Readonly<Record<string, number>>;
  requestDevice(descriptor?: {
    requiredFeatures?: readonly string[];
    requiredLimits?: Readonly<Record<string, number>>;
  }): Promise<DeviceLike>;
}

export interface DeviceLike {
  destroy(): void;
}

export type PowerPreference = "high-performance" | "low-power";

export interface GpuLike {
  requestAdapter(options?: { powerPreference?: PowerPreference; forceFallbackAdapter?: boolean }): Promise<AdapterLike | null>;
}

/** What `import("webgpu")` gives: Dawn's `create(flags)` and the WebGPU globals (GPUBufferUsage, …). */
export interface DawnModule {
  create(flags: string[]): GpuLike;
  readonly globals: object;
}

/** What `import("@tensorflow/tfjs-backend-webgpu")` gives that we use. */
export interface TfjsWebgpuModule {
  readonly WebGPUBackend: new (device: never, adapterInfo?: never) => unknown;
}
