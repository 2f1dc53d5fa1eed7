// @gantry/unrolled-optimizer public API: the Unrolled GAN look-ahead and the plugin that provides it by name.
export { unrolled } from "./unrolled.js";
export { unrolledSchema, unrolledModes, type UnrolledMode, type UnrolledOptions } from "./unrolled-schema.js";
export { unrolledOptimizerPlugin } from "./plugin.js";
