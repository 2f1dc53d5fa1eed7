// The cpu backend: TF.js's plain-JavaScript kernels, plus a fast Conv2DBackpropFilter (the stock one
// takes about a minute per DCGAN step). Always available; the slowest choice.
import { tf, type Backend } from "@gantry/core";

export const cpu: Backend = Object.freeze({
  name: "cpu",
  async setup(): Promise<void> {
    await import("@tensorflow/tfjs-backend-cpu");
    if (!(await tf.setBackend("cpu"))) throw new Error("tf.setBackend('cpu') failed");
    await tf.ready();
    // The cpu backend prints a "use tfjs-node" banner on first use in Node; Gantry logs its own choice.
    (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  },
});
