// Adam (Kingma & Ba 2015, Algorithm 1) with PyTorch's update rule and defaults (torch.optim.Adam:
// coupled L2 weight decay, optional AMSGrad), plus optax's `epsRoot`: the denominator is
// √(v̂ + epsRoot) + eps, so √v has a gradient at v = 0 when differentiating through the update
// (Unrolled GAN). With epsRoot = 0 it equals torch. Not AdamW (decoupled decay).
import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";
import type { Optimizer } from "../kinds/optimizer.js";
import type { Params } from "../params.js";
import { scheduleValue } from "../schedule.js";
import { fusedAdamAvailable, fusedAdamUpdate } from "./adam-update-kernel.js";
import { coefficientSchema, learningRateSchema, parseOptimizerOptions } from "./optimizer-options.js";
import { carryOver, initSlots, readCount, readSlot, withWeightDecay } from "./optimizer-slots.js";

export const adamSchema = z.object({
  lr: learningRateSchema.default(1e-3),
  betas: z.tuple([coefficientSchema, coefficientSchema]).default([0.9, 0.999]),
  eps: z.number().nonnegative().default(1e-8),
  weightDecay: z.number().nonnegative().default(0),
  amsgrad: z.boolean().default(false),
  epsRoot: z.number().nonnegative().default(0),
}).strict();

export type AdamOptions = z.input<typeof adamSchema>;

/**
 * 1 − βᵗ computed as −expm1(t·ln β) with ln β in float64: float32 cannot hold β = 0.999 closely
 * enough for 1 − βᵗ to keep more than ~4 digits at small t, expm1 keeps ~7.
 */
export function biasCorrection(beta: number, t: tf.Tensor): tf.Tensor {
  if (beta === 0) return tf.onesLike(t);
  return tf.neg(tf.expm1(tf.mul(t, Math.log(beta))));
}

export function adam(options: AdamOptions = {}): Optimizer {
  const o = parseOptimizerOptions(adamSchema, options, "adam");
  const [beta1, beta2] = o.betas;
  const slots = o.amsgrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"];
  return {
    init: (params) => initSlots(params, slots),
    update: (grads, state, params, step) => tf.tidy(() => {
      const lr = scheduleValue(o.lr, step);
      const count = tf.add(readCount(state, "adam"), 1);
      const bc1 = biasCorrection(beta1, count);
      const bc2 = biasCorrection(beta2, count);
      const m = readSlot(state, "exp_avg", grads, "adam");
      const v = readSlot(state, "exp_avg_sq", grads, "adam");
      const vMax = o.amsgrad ? readSlot(state, "max_exp_avg_sq", grads, "adam") : {};
      const updates: Record<string, tf.Tensor> = {};
      const next: Record<string, tf.Tensor> = { count };
      // One kernel per parameter where the backend has it (adam-update-kernel.ts); the same numbers.
      if (!o.amsgrad && o.weightDecay === 0 && fusedAdamAvailable()) {
        const attrs = { beta1, oneMinusBeta1: 1 - beta1, beta2, oneMinusBeta2: 1 - beta2, eps: o.eps, epsRoot: o.epsRoot, negLr: -lr };
        for (const name of Object.keys(grads)) {
          [next[`exp_avg/${name}`], next[`exp_avg_sq/${name}`], updates[name]] = fusedAdamUpdate(grads[name], m[name], v[name], bc1, bc2, attrs);
        }
        return { updates: updates as Params, state: carryOver(state, next) };
      }
      for (const name of Object.keys(grads)) {
        const g = withWeightDecay(grads[name], params[name], o.weightDecay);
        const m1 = tf.add(tf.mul(m[name], beta1), tf.mul(g, 1 - beta1));
        const v1 = tf.add(tf.mul(v[name], beta2), tf.mul(tf.square(g), 1 - beta2));
        next[`exp_avg/${name}`] = m1;
        next[`exp_avg_sq/${name}`] = v1;
        let vUsed = v1;
        if (o.amsgrad) {
          vUsed = tf.maximum(vMax[name], v1);
          next[`max_exp_avg_sq/${name}`] = vUsed;
        }
        const vHat = tf.div(vUsed, bc2);
        const denom = tf.add(tf.sqrt(o.epsRoot === 0 ? vHat : tf.add(vHat, o.epsRoot)), o.eps);
        updates[name] = tf.mul(tf.div(tf.div(m1, bc1), denom), -lr);
      }
      return { updates: updates as Params, state: carryOver(state, next) };
    }),
  };
}
