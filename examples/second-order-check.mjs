// Checks, from the built packages, that second-order gradients of tanh, sigmoid and leakyRelu equal
// their closed forms on wasm and cpu (TF.js 4.22 alone gets tanh/sigmoid wrong and throws for leakyRelu).
// Run: npm run build && node examples/second-order-check.mjs
import { tf, useBackend } from "@gantry/core";
import { wasm } from "@gantry/backend-wasm/node";
import { cpu } from "@gantry/backend-cpu";
for (const b of [wasm, cpu]) {
  await useBackend(b, { log: () => {} });
  const x = tf.tensor1d([-1.5, -0.3, 0.2, 1.1]);
  const xs = [-1.5, -0.3, 0.2, 1.1];
  const t = tf.grad(x => tf.sum(tf.grad(y => tf.sum(tf.tanh(y)))(x)))(x).dataSync();
  const s = tf.grad(x => tf.sum(tf.grad(y => tf.sum(tf.sigmoid(y)))(x)))(x).dataSync();
  const l = tf.grad(x => tf.sum(tf.grad(y => tf.sum(tf.mul(tf.leakyRelu(y, 0.2), y)))(x)))(x).dataSync();
  const tc = xs.map(v => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2));
  const sig = v => 1 / (1 + Math.exp(-v)); const sc = xs.map(v => sig(v) * (1 - sig(v)) * (1 - 2 * sig(v)));
  const lc = xs.map(v => v > 0 ? 2 : 0.4);
  const err = (a, b) => Math.max(...b.map((v, i) => Math.abs(a[i] - v)));
  console.log(b.name, "tanh''", err(t, tc).toExponential(1), "sigmoid''", err(s, sc).toExponential(1), "d²/dx²[x·leakyRelu(x)]", err(l, lc).toExponential(1));
}
