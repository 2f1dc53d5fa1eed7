// The shape plan shared by DCGAN's generator and discriminator: a base×base feature map (7 for
// 28-pixel images, 4 for 32/64) and k = log2(side / base) stride-2 steps of 4×4 kernels, padding 1,
// channels width·2^(k−1) at the base and halving towards the image (Radford et al. 2015, Fig. 1).
import { GantryError } from "@gantry/core";

export interface DcganGeometry {
  readonly side: number;
  readonly channels: number;
  readonly base: number;
  /** Number of stride-2 (de)convolutions between the base map and the image. */
  readonly steps: number;
  /** Channels at scale i = 0 (base) … steps − 1 (next to the image): width·2^(steps−1−i). */
  readonly widths: readonly number[];
}

/** Every DCGAN (de)convolution: 4×4, stride 2, padding 1 (doubles or halves the side exactly). */
export const DCGAN_KERNEL = 4;
export const DCGAN_CONV = { stride: 2, pad: 1 } as const;

function stepsFrom(side: number, base: number): number | undefined {
  if (side % base !== 0) return undefined;
  const k = Math.log2(side / base);
  return Number.isInteger(k) && k >= 1 ? k : undefined;
}

export function dcganGeometry(image: readonly number[], width: number, network: string): DcganGeometry {
  const [h, w, channels] = image;
  const base = [7, 4].find((b) => stepsFrom(h, b) !== undefined);
  if (h !== w || base === undefined) {
    throw new GantryError("NETWORK_BAD_SHAPE", `${network}: image [${image.join(", ")}] is not square with side 7·2^k or 4·2^k`, {
      where: { field: "params.image" },
      hint: "use [28, 28, 1] (Fashion-MNIST/MNIST), [32, 32, 3] (CIFAR-10) or [64, 64, 3]",
    });
  }
  const steps = stepsFrom(h, base) as number;
  const widths = Array.from({ length: steps }, (_, i) => width * 2 ** (steps - 1 - i));
  return { side: h, channels, base, steps, widths };
}
