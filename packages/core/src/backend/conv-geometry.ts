// The numbers a 2-D NHWC convolution kernel needs (sizes, strides, top/left padding), taken from
// TF.js's own Conv2DInfo so padding modes ('same', 'valid', explicit, dimRoundingMode) agree with
// the stock kernels. Dilation > 1 and NCHW are not handled by Gantry's kernels.
import * as tf from "@tensorflow/tfjs-core";
import { GantryError } from "../errors.js";

export interface ConvGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** The attributes shared by Conv2D and its two backprop kernels. */
export interface ConvAttrs {
  readonly strides: [number, number] | number;
  readonly pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  readonly dataFormat: "NHWC" | "NCHW";
  readonly dimRoundingMode?: "floor" | "round" | "ceil";
  readonly dilations?: [number, number] | number;
}

type Shape4 = [number, number, number, number];

/** TF.js's Conv2DInfo for an input/filter shape pair (no dilation). */
export function convInfo(xShape: readonly number[], filterShape: readonly number[], attrs: ConvAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as Shape4, filterShape as Shape4, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
}

/** Whether Gantry's kernels handle these attributes (NHWC, dilation 1). */
export function isSupportedConv(attrs: ConvAttrs): boolean {
  return attrs.dataFormat !== "NCHW" && dilationIsOne(attrs.dilations);
}

/** Throws a GantryError naming the kernel when the attributes are outside what it implements. */
export function assertSupportedConv(attrs: ConvAttrs, kernel: string): void {
  if (!dilationIsOne(attrs.dilations)) {
    throw new GantryError("KERNEL_UNSUPPORTED", `${kernel}: dilations ${JSON.stringify(attrs.dilations)} are not supported`, {
      hint: "use dilations 1 (TF.js's conv2d gradient does not support dilation either)",
    });
  }
  if (attrs.dataFormat === "NCHW") {
    throw new GantryError("KERNEL_UNSUPPORTED", `${kernel}: dataFormat NCHW is not supported`, {
      hint: "use channels-last (NHWC) tensors, TF.js's default",
    });
  }
}

function dilationIsOne(d: ConvAttrs["dilations"]): boolean {
  return d === undefined || (Array.isArray(d) ? d.every((v) => v === 1) : d === 1);
}

export function convGeometry(info: tf.backend_util.Conv2DInfo): ConvGeometry {
  return {
    batch: info.batchSize, inHeight: info.inHeight, inWidth: info.inWidth, inChannels: info.inChannels,
    outHeight: info.outHeight, outWidth: info.outWidth, outChannels: info.outChannels,
    filterHeight: info.filterHeight, filterWidth: info.filterWidth,
    strideHeight: info.strideHeight, strideWidth: info.strideWidth,
    padTop: info.padInfo.top, padLeft: info.padInfo.left,
  };
}
