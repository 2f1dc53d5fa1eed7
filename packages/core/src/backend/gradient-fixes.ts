// Installs TF.js's stock gradients (the @tensorflow/tfjs union bundle registers them; tfjs-core alone
// has none in Node) and then Gantry's fixes on top, so the fixes win (DESIGN.md §6).
// TODO(gradient-fixes): register the corrected gradients here.

let installed = false;

export async function installGradientFixes(): Promise<void> {
  if (installed) return;
  await import("@tensorflow/tfjs");
  installed = true;
}
