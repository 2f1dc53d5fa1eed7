import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tf, useBackend } from "@gantry/core";
import { gantryErrorOf } from "@gantry/testing";
import { loadAddon } from "./addon.js";
import { native, nativeBackend, NATIVE_INSTALL_HINT } from "./native-backend.js";
import { nativeAvailable } from "./native-availability.test-support.js";

describe("native backend", () => {
  it("without the addon, setup fails with BACKEND_NOT_INSTALLED and says how to get it", async () => {
    const b = nativeBackend({ load: () => ({ ok: false, code: "BACKEND_NOT_INSTALLED", reason: "the addon was not built (x.node is missing)" }) });
    await expect(b.setup()).rejects.toMatchObject({ code: "BACKEND_NOT_INSTALLED", message: expect.stringContaining("x.node is missing"), hint: NATIVE_INSTALL_HINT });
    expect(NATIVE_INSTALL_HINT).toContain("libopenblas-dev");
  });

  it("a preference list falls back to the next backend where the addon is missing", async () => {
    const missing = nativeBackend({ load: () => ({ ok: false, code: "BACKEND_NOT_INSTALLED", reason: "not built" }) });
    const lines: string[] = [];
    const { cpu } = await import("@gantry/backend-cpu");
    expect(await useBackend([missing, cpu], { log: (l) => lines.push(l) })).toBe("cpu");
    // one line: what was skipped, why, and how to get it
    expect(lines).toEqual([expect.stringMatching(/^gantry: using backend cpu \(skipped native: not built \(to enable: apt-get install libopenblas-dev, then npm rebuild @gantry\/backend-native\)\)$/)]);
  });

  it("a missing addon file is reported as not installed, a broken one as failing to load", () => {
    const missing = loadAddon("/nonexistent/gantry_native.node");
    expect(missing.ok ? "" : missing.code).toBe("BACKEND_NOT_INSTALLED");
    // not a shared object: require() fails on it
    const broken = loadAddon(fileURLToPath(new URL("../LICENSE", import.meta.url)));
    expect(broken.ok ? "" : broken.code).toBe("BACKEND_LOAD_FAILED");
  });

  it("rejects a bad thread count when constructed", () => {
    expect(gantryErrorOf(() => nativeBackend({ threads: 0 })).code).toBe("CONFIG_INVALID");
  });

  it.runIf(nativeAvailable)("sets up as TF.js backend \"native\" with OpenBLAS on one thread", async () => {
    expect(await useBackend(native, { log: () => {} })).toBe("native");
    expect(tf.getBackend()).toBe("native");
    const addon = loadAddon();
    expect(addon.ok && addon.addon.threads()).toBe(1);
    expect(addon.ok && addon.addon.blasConfig()).toMatch(/OpenBLAS/);
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).dataSync());
    expect(Array.from(y)).toEqual([17, 39]);
  });
});
