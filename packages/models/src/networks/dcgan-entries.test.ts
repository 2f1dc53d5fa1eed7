// The plugin entries: a registry built from them creates both networks from spec-style params
// (defaults filled in by the zod schemas), reports a bad field by name, and lists JSON Schemas.
import { createRegistry, definePlugin, isGantryError, type Network } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { dcganEntries } from "./dcgan-entries.js";
import type { DcganDiscriminator } from "./dcgan-discriminator.js";
import type { DcganGenerator } from "./dcgan-generator.js";

const registry = () => createRegistry().use(definePlugin({ name: "dcgan-under-test", version: "0.0.0", provides: [...dcganEntries] }));

describe("dcgan plugin entries", () => {
  it("create network/dcgan-generator and network/dcgan-discriminator with defaults", () => {
    const r = registry();
    const g = r.create("network", "dcgan-generator", { image: [32, 32, 3] }) as Network as DcganGenerator;
    expect(g.inputShape).toEqual([100]);
    expect(g.outputShape).toEqual([32, 32, 3]);
    expect(g.config.width).toBe(64);
    const d = r.create("network", "dcgan-discriminator", { norm: "layer", numClasses: 10 }) as Network as DcganDiscriminator;
    expect(d.inputShape).toEqual([28, 28, 1]);
    expect(d.outputShape).toEqual([1]);
    expect(d.numClasses).toBe(10);
    expect(d.config).toMatchObject({ norm: "layer", leak: 0.2, width: 64 });
  });

  it("rejects a bad norm naming the field", () => {
    try {
      registry().create("network", "dcgan-discriminator", { norm: "spectral" });
      expect.unreachable();
    } catch (e) {
      expect(isGantryError(e)).toBe(true);
      expect(String(e)).toMatch(/norm/);
    }
  });

  it("lists JSON Schemas for both entries", () => {
    const listed = registry().list("network").map((e) => [e.name, Object.keys((e.params as { properties?: object }).properties ?? {})]);
    expect(Object.fromEntries(listed)).toEqual({
      "dcgan-generator": ["latent", "image", "width", "numClasses", "embedDim"],
      "dcgan-discriminator": ["image", "width", "norm", "numClasses", "leak"],
    });
  });
});
