// fast-check arbitraries for convolution kernel tests: random NHWC problem sizes, strides and paddings
// ('same', 'valid' or explicit), shared by every backend's kernel tests so they cover the same space.
import fc from "fast-check";
import type { ConvAttrs } from "@gantry/core";

/** One convolution problem's sizes: input batch × height × width × inC, filter fh × fw, strides sh, sw. */
export interface ConvCase {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly inC: number;
  readonly outC: number;
  readonly fh: number;
  readonly fw: number;
  readonly sh: number;
  readonly sw: number;
}

/** Upper bounds of convCases (lower bounds are 1). */
export interface ConvCaseLimits {
  readonly batch?: number;
  readonly size?: number;
  readonly inC?: number;
  readonly outC?: number;
  readonly filter?: number;
  readonly stride?: number;
}

/** Problem sizes up to the limits (defaults: batch 3, height/width 9, 4 → 5 channels, filter 4, stride 3). */
export function convCases(limits: ConvCaseLimits = {}): fc.Arbitrary<ConvCase> {
  const upTo = (max: number) => fc.integer({ min: 1, max });
  const size = limits.size ?? 9, filter = limits.filter ?? 4, stride = limits.stride ?? 3;
  return fc.record({
    batch: upTo(limits.batch ?? 3), height: upTo(size), width: upTo(size),
    inC: upTo(limits.inC ?? 4), outC: upTo(limits.outC ?? 5),
    fh: upTo(filter), fw: upTo(filter), sh: upTo(stride), sw: upTo(stride),
  });
}

/** 'same', 'valid', or explicit NHWC padding of 0–2 on each side. */
export const convPads: fc.Arbitrary<ConvAttrs["pad"]> = fc.oneof(
  fc.constantFrom<ConvAttrs["pad"]>("same", "valid"),
  fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)).map(([t, b, l, r]): ConvAttrs["pad"] => [[0, 0], [t, b], [l, r], [0, 0]]),
);
