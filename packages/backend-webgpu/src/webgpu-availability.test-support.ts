// Test support: sets the webgpu backend up once per test worker (software adapters allowed, so CI
// runs on SwiftShader) and lets suites skip, with the reason printed, where no adapter exists.
import { useBackend } from "@gantry/core";
import { beforeAll, describe } from "vitest";
import { webgpu } from "./node-webgpu-backend.js";

let probe: Promise<string | undefined> | undefined;

/** undefined when webgpu sets up here; otherwise the first line of why not. */
export function webgpuUnavailable(): Promise<string | undefined> {
  probe ??= useBackend(webgpu({ allowSoftware: true, log: () => {} }), { log: () => {} }).then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0],
  );
  return probe;
}

/** A suite on the webgpu backend, skipped (with a message) when no WebGPU adapter can be created. */
export async function describeWebgpu(name: string, suite: () => void): Promise<void> {
  const why = await webgpuUnavailable();
  // CI (which installs chromium + libvulkan1) may set GANTRY_REQUIRE_WEBGPU=1 so a broken setup fails.
  if (why && process.env.GANTRY_REQUIRE_WEBGPU === "1") throw new Error(`GANTRY_REQUIRE_WEBGPU=1 but webgpu is unavailable: ${why}`);
  if (why) console.warn(`skipping "${name}": webgpu is unavailable here (${why})`);
  describe.skipIf(why !== undefined)(`${name} [webgpu]`, () => {
    beforeAll(async () => {
      await useBackend(webgpu({ allowSoftware: true, log: () => {} }), { log: () => {} });
    });
    suite();
  });
}
