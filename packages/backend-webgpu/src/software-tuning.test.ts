// The matmul program choice: forced to the one-thread-per-output program on software adapters, left to
// TF.js on hardware, and never overriding a value the user set.
import { tf } from "@gantry/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isSoftwareAdapter } from "./adapter-info.js";
import { MATMUL_SMALL_OUTPUT_PROGRAM, tuneMatMulForAdapter } from "./software-tuning.js";
import { describeWebgpu } from "./webgpu-availability.test-support.js";

const FLAG = "WEBGPU_MATMUL_PROGRAM_TYPE";

await describeWebgpu("matmul program on software adapters", () => {
  let setUp: unknown;
  beforeAll(() => {
    setUp = tf.env().get(FLAG);
  });
  afterAll(() => {
    tf.env().set(FLAG, setUp as number);
  });

  it("setup forced the small-output program on a software adapter, and only there", () => {
    // tfjs-backend-webgpu keeps the adapter's vendor and architecture ("google", "swiftshader").
    const info = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
    const software = isSoftwareAdapter({ vendor: info?.vendor ?? "", architecture: info?.architecture ?? "", device: "", description: "" });
    expect(setUp).toBe(software ? MATMUL_SMALL_OUTPUT_PROGRAM : -1);
  });

  it("a hardware adapter gets TF.js's choice back; a user's value is kept", () => {
    tuneMatMulForAdapter(false);
    expect(tf.env().get(FLAG)).toBe(-1);
    tuneMatMulForAdapter(true);
    expect(tf.env().get(FLAG)).toBe(MATMUL_SMALL_OUTPUT_PROGRAM);
    tuneMatMulForAdapter(false);
    tf.env().set(FLAG, 3);
    tuneMatMulForAdapter(true);
    tuneMatMulForAdapter(false);
    expect(tf.env().get(FLAG)).toBe(3);
  });
});
