// SGD with momentum, dampening, Nesterov and coupled L2 weight decay, following torch.optim.SGD
// exactly: the momentum buffer starts as the first (decayed) gradient, undamped (Sutskever et al.
// 2013 for Nesterov). `lr` has no default, as in PyTorch.
import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";
import type { Optimizer } from "../kinds/optimizer.js";
import type { Params } from "../params.js";
import { scheduleValue } from "../schedule.js";
import { learningRateSchema, parseOptimizerOptions } from "./optimizer-options.js";
import { carryOver, initSlots, readCount, readSlot, withWeightDecay } from "./optimizer-slots.js";

export const sgdSchema = z.object({
  lr: learningRateSchema,
  momentum: z.number().nonnegative().default(0),
  dampening: z.number().default(0),
  nesterov: z.boolean().default(false),
  weightDecay: z.number().nonnegative().default(0),
}).strict().superRefine((o, ctx) => {
  if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
    ctx.addIssue({ code: "custom", path: ["nesterov"], message: "Nesterov momentum needs momentum > 0 and dampening = 0 (as in PyTorch)" });
  }
});

export type SgdOptions = z.input<typeof sgdSchema>;

export function sgd(options: SgdOptions): Optimizer {
  const o = parseOptimizerOptions(sgdSchema, options, "sgd");
  const slots = o.momentum === 0 ? [] : ["momentum_buffer"];
  return {
    init: (params) => initSlots(params, slots),
    update: (grads, state, params, step) => tf.tidy(() => {
      const lr = scheduleValue(o.lr, step);
      const count = readCount(state, "sgd");
      const buffers = o.momentum === 0 ? {} : readSlot(state, "momentum_buffer", grads, "sgd");
      // torch sets buf = d_p on the first step (no dampening): the d_p coefficient is 1 at count 0.
      const gradScale = tf.sub(1, tf.mul(tf.minimum(count, 1), o.dampening));
      const updates: Record<string, tf.Tensor> = {};
      const next: Record<string, tf.Tensor> = { count: tf.add(count, 1) };
      for (const name of Object.keys(grads)) {
        let d = withWeightDecay(grads[name], params[name], o.weightDecay);
        if (o.momentum !== 0) {
          const buf = tf.add(tf.mul(buffers[name], o.momentum), tf.mul(d, gradScale));
          next[`momentum_buffer/${name}`] = buf;
          d = o.nesterov ? tf.add(d, tf.mul(buf, o.momentum)) : buf;
        }
        updates[name] = tf.mul(d, -lr);
      }
      return { updates: updates as Params, state: carryOver(state, next) };
    }),
  };
}
