import { afterAll, beforeAll, expect, it } from "vitest";
import { disposeParams, tf, useBackend, type Params } from "@gantry/core";
import { checkDirectionalDerivative, describeBackends, expectNoTensorLeak, testBackend, testBackendNames, relativeError } from "@gantry/testing";
import { discriminatorLoss, initDiscriminator } from "./dcgan-discriminator.test-support.js";

const BATCH = 8;

/** ∇θ loss for the DCGAN discriminator on the current backend, as plain arrays keyed by name. */
function gradients(params: Params, x: tf.Tensor4D): Record<string, Float32Array> {
  return tf.tidy(() => {
    const names = Object.keys(params);
    const gs = tf.grads((...ts: tf.Tensor[]) => discriminatorLoss(Object.fromEntries(names.map((n, i) => [n, ts[i]])), x))(names.map((n) => params[n]));
    return Object.fromEntries(names.map((n, i) => [n, gs[i].dataSync() as Float32Array]));
  });
}

describeBackends("DCGAN discriminator gradients", (backend) => {
  let params: Params;
  let x: tf.Tensor4D;
  beforeAll(() => {
    params = initDiscriminator(11);
    x = tf.randomUniform([BATCH, 28, 28, 1], -1, 1, "float32", 12) as tf.Tensor4D;
  });
  afterAll(() => {
    disposeParams(params);
    x.dispose();
  });

  it("match random directional finite differences (conv backprop kernels included)", async () => {
    await expectNoTensorLeak(async () => {
      // eps 1e-2 along unit directions: float32 round-off and leakyReLU kinks give ≈9e-4 here (cpu and
      // wasm); rtol 5e-3 leaves room for that and still fails on a wrong kernel.
      const result = await checkDirectionalDerivative((p) => discriminatorLoss(p, x), params, { directions: 4, eps: 1e-2, rtol: 5e-3, seed: 5 });
      expect(result.ok, result.message).toBe(true);
    });
  });

  it.runIf(backend === "wasm" && testBackendNames().includes("cpu"))("on wasm equal the cpu backend's within 1e-4 (relative norm, per tensor)", async () => {
    const onWasm = await expectNoTensorLeak(() => gradients(params, x));
    await useBackend(await testBackend("cpu"), { log: () => {} });
    try {
      const onCpu = gradients(params, x);
      for (const name of Object.keys(onWasm)) expect(relativeError(onWasm[name], onCpu[name]), name).toBeLessThan(1e-4);
    } finally {
      await useBackend(await testBackend("wasm"), { log: () => {} });
    }
  });
});
