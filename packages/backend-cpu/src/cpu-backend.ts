// The cpu backend: TF.js's plain-JavaScript kernels, plus a fast Conv2DBackpropFilter (the stock one
// takes about a minute per DCGAN step). Always available; the slowest choice.
import { GantryError, tf, type Backend } from "@gantry/core";
import { registerCpuKernels } from "./register-kernels.js";

export const cpu: Backend = Object.freeze({
  name: "cpu",
  async setup(): Promise<void> {
    await import("@tensorflow/tfjs-backend-cpu");
    registerCpuKernels();
    if (!(await tf.setBackend("cpu"))) {
      throw new GantryError("BACKEND_SETUP_FAILED", "tf.setBackend('cpu') failed", { hint: "check that @tensorflow/tfjs-backend-cpu and @tensorflow/tfjs-core are the same version (4.22.0)" });
    }
    await tf.ready();
    // The cpu backend prints a "use tfjs-node" banner on first use in Node; Gantry logs its own choice.
    (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  },
});
