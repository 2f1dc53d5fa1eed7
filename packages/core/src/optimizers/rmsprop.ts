// RMSprop (Hinton, Coursera lecture 6e; centered form from Graves 2013, eq. 38–40) with PyTorch's
// update rule and defaults (torch.optim.RMSprop: eps added outside the square root, momentum
// buffer on g/avg, coupled L2 weight decay).
import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";
import type { Optimizer } from "../kinds/optimizer.js";
import type { Params } from "../params.js";
import { scheduleValue } from "../schedule.js";
import { coefficientSchema, learningRateSchema, parseOptimizerOptions } from "./optimizer-options.js";
import { carryOver, initSlots, readCount, readSlot, withWeightDecay } from "./optimizer-slots.js";

export const rmspropSchema = z.object({
  lr: learningRateSchema.default(1e-2),
  alpha: coefficientSchema.default(0.99),
  eps: z.number().nonnegative().default(1e-8),
  momentum: z.number().nonnegative().default(0),
  centered: z.boolean().default(false),
  weightDecay: z.number().nonnegative().default(0),
}).strict();

export type RmspropOptions = z.input<typeof rmspropSchema>;

function slotNames(o: { momentum: number; centered: boolean }): string[] {
  return ["square_avg", ...(o.momentum > 0 ? ["momentum_buffer"] : []), ...(o.centered ? ["grad_avg"] : [])];
}

export function rmsprop(options: RmspropOptions = {}): Optimizer {
  const o = parseOptimizerOptions(rmspropSchema, options, "rmsprop");
  const { alpha } = o;
  return {
    init: (params) => initSlots(params, slotNames(o)),
    update: (grads, state, params, step) => tf.tidy(() => {
      const lr = scheduleValue(o.lr, step);
      const sq = readSlot(state, "square_avg", grads, "rmsprop");
      const ga = o.centered ? readSlot(state, "grad_avg", grads, "rmsprop") : {};
      const buffers = o.momentum > 0 ? readSlot(state, "momentum_buffer", grads, "rmsprop") : {};
      const updates: Record<string, tf.Tensor> = {};
      const next: Record<string, tf.Tensor> = { count: tf.add(readCount(state, "rmsprop"), 1) };
      for (const name of Object.keys(grads)) {
        const g = withWeightDecay(grads[name], params[name], o.weightDecay);
        const sq1 = tf.add(tf.mul(sq[name], alpha), tf.mul(tf.square(g), 1 - alpha));
        next[`square_avg/${name}`] = sq1;
        let variance = sq1;
        if (o.centered) {
          const ga1 = tf.add(tf.mul(ga[name], alpha), tf.mul(g, 1 - alpha));
          next[`grad_avg/${name}`] = ga1;
          variance = tf.sub(sq1, tf.square(ga1));
        }
        let d = tf.div(g, tf.add(tf.sqrt(variance), o.eps));
        if (o.momentum > 0) {
          d = tf.add(tf.mul(buffers[name], o.momentum), d);
          next[`momentum_buffer/${name}`] = d;
        }
        updates[name] = tf.mul(d, -lr);
      }
      return { updates: updates as Params, state: carryOver(state, next) };
    }),
  };
}
