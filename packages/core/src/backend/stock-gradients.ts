// TF.js's stock gradients. `@tensorflow/tfjs-core` registers none in Node: its CommonJS bundle has
// none and its ESM `register_all_gradients` uses extension-less imports Node cannot load. So core's
// build bundles that one module, with the tfjs-core internals it needs, into dist (tsup `noExternal`);
// the bundled code registers into tfjs-core's process-global engine and gradient registry, the same
// ones the installed tfjs-core uses (ADR 0011). Tests alias it to the `@tensorflow/tfjs` union, which
// imports the same module.

/** Registers every gradient TF.js defines (idempotent: registering a kernel's gradient again replaces it). */
export async function registerStockGradients(): Promise<void> {
  await import("@tensorflow/tfjs-core/dist/register_all_gradients.js");
}
