// On a software adapter (SwiftShader), make TF.js webgpu use its one-thread-per-output matmul program
// for every shape. By shape it otherwise picks MatMulReduceProgram (256-thread workgroups with barriers),
// which SwiftShader runs ~100× slower (measured: 6×8·8×8 in 60–140 ms vs 0.44 ms), or the tiled program,
// whose shaders take seconds to compile there. Same results within float32 reordering (kernel-parity.test.ts
// runs matmul under every program). Hardware adapters keep TF.js's choice.
import { tf } from "@gantry/core";

const FLAG = "WEBGPU_MATMUL_PROGRAM_TYPE";
/** tfjs-backend-webgpu's MatMulProgramType.MatMulSmallOutputSizeProgram; -1 is its "choose by shape" default. */
export const MATMUL_SMALL_OUTPUT_PROGRAM = 2;

let forced = false;

/** Forces that matmul on software adapters unless the user set the flag; undoes it for hardware ones. */
export function tuneMatMulForAdapter(software: boolean): void {
  const env = tf.env();
  if (!isRegistered(FLAG)) return; // tfjs-backend-webgpu registers it on import
  if (software && env.get(FLAG) === -1) {
    env.set(FLAG, MATMUL_SMALL_OUTPUT_PROGRAM);
    forced = true;
  } else if (!software && forced) {
    env.set(FLAG, -1);
    forced = false;
  }
}

function isRegistered(flag: string): boolean {
  try {
    tf.env().get(flag);
    return true;
  } catch {
    return false;
  }
}
