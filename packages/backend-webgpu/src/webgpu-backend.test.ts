// setup()'s errors on injected fakes, so they are tested on machines with or without a GPU: each is
// a GantryError that names what is missing, how to install it, and that wasm/cpu remain.
import { describe, expect, it } from "vitest";
import { isGantryError } from "@gantry/core";
import { webgpu, webgpuBackend } from "./node-webgpu-backend.js";
import { createWebgpuBackend, pageDeps } from "./webgpu-backend.js";
import { fakeDawn, fakeDeps, swiftshader } from "./fake-dawn.test-support.js";

async function setupError(...args: Parameters<typeof createWebgpuBackend>): Promise<Error> {
  const error = await createWebgpuBackend(...args).setup().then(() => undefined, (e: unknown) => e);
  expect(error, "setup should have failed").toBeInstanceOf(Error);
  return error as Error;
}

function expectFix(e: Error, code: string, ...phrases: RegExp[]): void {
  expect(isGantryError(e, code), `${code}: ${e.message}`).toBe(true);
  for (const p of phrases) expect(e.message).toMatch(p);
  expect(e.message).toMatch(/wasm and cpu/);
}

describe("webgpu backend object", () => {
  it("is named webgpu and creating one never fails", () => {
    expect(webgpu({ allowSoftware: true }).name).toBe("webgpu");
    expect(webgpuBackend.name).toBe("webgpu");
  });
});

describe("webgpu in a page (@gantry/backend-webgpu's root entry)", () => {
  it("without navigator.gpu: WEBGPU_UNAVAILABLE, naming browsers and the /node subpath", async () => {
    const e = await setupError({}, pageDeps({ navigator: {} }));
    expectFix(e, "WEBGPU_UNAVAILABLE", /navigator\.gpu/, /@gantry\/backend-webgpu\/node/);
  });

  it("uses navigator.gpu as the GPU; naming an adapter needs Dawn", async () => {
    const gpu = fakeDawn([swiftshader]).create([]);
    const deps = { ...pageDeps({ navigator: { gpu } }), importTfjsWebgpu: () => Promise.reject(new Error("not loaded in this test")) };
    expect((await deps.importDawn()).create([])).toBe(gpu);
    const e = await setupError({ adapter: "swift" }, { ...deps, importTfjsWebgpu: async () => ({ WebGPUBackend: class {} }) });
    expect(isGantryError(e, "WEBGPU_ADAPTER_NOT_FOUND"), e.message).toBe(true);
  });
});

describe("webgpu setup errors", () => {
  it("without the webgpu package: says what to npm install", async () => {
    const e = await setupError({}, fakeDeps(new Error("Cannot find package 'webgpu'")));
    expectFix(e, "WEBGPU_NOT_INSTALLED", /"webgpu"/, /npm i @gantry\/backend-webgpu webgpu @tensorflow\/tfjs-backend-webgpu/);
  });

  it("without tfjs-backend-webgpu: names it", async () => {
    const e = await setupError({}, fakeDeps(fakeDawn([]), { importTfjsWebgpu: () => Promise.reject(new Error("Cannot find package '@tensorflow/tfjs-backend-webgpu'")) }));
    expect(e.message).toContain("the optional package \"@tensorflow/tfjs-backend-webgpu\" is not installed");
  });

  it("without the Vulkan loader: says apt-get install libvulkan1", async () => {
    const e = await setupError({}, fakeDeps(fakeDawn([]), { hasVulkanLoader: () => false }));
    expectFix(e, "WEBGPU_NO_VULKAN_LOADER", /libvulkan\.so\.1/, /apt-get install libvulkan1/);
  });

  it("with a loader but no adapter: says to install a Vulkan driver", async () => {
    const e = await setupError({}, fakeDeps(fakeDawn([])));
    expectFix(e, "WEBGPU_NO_ADAPTER", /no WebGPU adapter/, /Vulkan driver/);
  });

  it("with only a software adapter and no allowSoftware: refuses it and says how to allow it", async () => {
    const e = await setupError({}, fakeDeps(fakeDawn([swiftshader])));
    expectFix(e, "WEBGPU_SOFTWARE_ADAPTER", /SwiftShader/, /allowSoftware: true/, /GANTRY_WEBGPU_ALLOW_SOFTWARE=1/);
  });

  it("GANTRY_WEBGPU_ALLOW_SOFTWARE=1 accepts the software adapter (setup then goes on to the device)", async () => {
    const e = await setupError({}, fakeDeps(fakeDawn([swiftshader]), { env: { GANTRY_WEBGPU_ALLOW_SOFTWARE: "1" } }));
    expect(isGantryError(e, "WEBGPU_SETUP_FAILED")).toBe(true);
    expect(e.message).toMatch(/creating the WebGPU device/);
  });

  it("allowSoftware with no adapter and no VK_ICD_FILENAMES: points Vulkan at Chromium's SwiftShader", async () => {
    const env: Record<string, string | undefined> = {};
    const dawn = fakeDawn(() => (env.VK_ICD_FILENAMES ? [swiftshader] : []));
    const e = await setupError({ allowSoftware: true, log: () => {} }, fakeDeps(dawn, { env, findSwiftShaderIcd: () => "/usr/lib/chromium/vk_swiftshader_icd.json" }));
    expect(env.VK_ICD_FILENAMES).toBe("/usr/lib/chromium/vk_swiftshader_icd.json");
    expect(isGantryError(e, "WEBGPU_SETUP_FAILED")).toBe(true); // the fake adapter was found, then made no device
  });

  it("leaves a user's VK_ICD_FILENAMES alone", async () => {
    const env: Record<string, string | undefined> = { VK_ICD_FILENAMES: "/mine.json" };
    const e = await setupError({ allowSoftware: true }, fakeDeps(fakeDawn([]), { env, findSwiftShaderIcd: () => "/x.json" }));
    expect(env.VK_ICD_FILENAMES).toBe("/mine.json");
    expectFix(e, "WEBGPU_NO_ADAPTER", /Vulkan drivers limited to \/mine\.json/);
  });

  it("GANTRY_WEBGPU_ADAPTER selects an adapter by name", async () => {
    const e = await setupError({}, fakeDeps(fakeDawn([swiftshader]), { env: { GANTRY_WEBGPU_ADAPTER: "radeon" } }));
    expect(isGantryError(e, "WEBGPU_ADAPTER_NOT_FOUND")).toBe(true);
  });
});
