// k generators that share layers (MAD-GAN, Ghosh et al. 2018, §4: "all weights shared except the final
// layers"), as one Network whose params are "trunk/<name>" (shared) and "head.<i>/<name>" (generator i's
// own), built from any generator whose param names start with a layer name ("dense0/kernel"). Layers are
// ordered as the generator's init returns them. Not conditional generators; no similarity term.
import { GantryError, tf, type ApplyContext, type Network, type NetworkOutput, type Params, type Rng } from "@gantry/core";

/** Which of the generator's layers the k generators share. */
export type Sharing = "all-but-last" | "all-but-first" | "none";

export interface MultiGenerator {
  readonly k: number;
  readonly sharing: Sharing;
  /** The user's generator: what one generator i computes, given `paramsOf(params, i)`. */
  readonly generator: Network;
  /**
   * The whole mixture as one Network: row j of a batch goes to generator j mod k, so any batch holds
   * each generator ⌊n/k⌋ or ⌈n/k⌉ times (for i.i.d. mixture draws use the method's `sample`).
   */
  readonly network: Network;
  /** Generator i's params under the generator's own names (the same tensors, not copies). */
  paramsOf(params: Params, i: number): Params;
  /** Generator i's network state ("head.<i>/…" of the multi-generator state, unprefixed). */
  stateOf(state: Params, i: number): Params;
  /** Generator i on z; returns its output and its new state under "head.<i>/…". */
  applyOne(params: Params, state: Params, z: tf.Tensor, i: number, ctx: ApplyContext): NetworkOutput;
}

/** The layer of a param: its name up to the first "/" ("dense2/kernel" → "dense2"). */
const layerOf = (name: string): string => name.split("/")[0];

/** The generator's layer names in init order, and which of them are shared. */
function sharedLayers(layers: readonly string[], sharing: Sharing): Set<string> {
  if (sharing === "none") return new Set();
  return new Set(sharing === "all-but-last" ? layers.slice(0, -1) : layers.slice(1));
}

const head = (i: number): string => `head.${i}`;

function prefixed(p: Params, prefix: string): Params {
  return Object.fromEntries(Object.entries(p).map(([k, t]) => [`${prefix}/${k}`, t]));
}

function unprefixed(p: Params, prefix: string): Params {
  const start = `${prefix}/`;
  return Object.fromEntries(Object.entries(p).filter(([k]) => k.startsWith(start)).map(([k, t]) => [k.slice(start.length), t]));
}

/**
 * k generators from one generator network. Generator i is initialised from `rng.split("generator")` for
 * i = 0 (so k = 1 draws what `alternating` draws) and `rng.split("generator.<i>")` otherwise; shared layers
 * take generator 0's initial values.
 */
export function multiGenerator(generator: Network, k: number, sharing: Sharing): MultiGenerator {
  if (generator.numClasses !== undefined) {
    throw new GantryError("METHOD_CONDITIONAL_UNSUPPORTED", "madgan trains unconditional generators, but the generator has numClasses", {
      where: { field: "with.generator" }, hint: "build the generator without numClasses",
    });
  }
  function init(rng: Rng): { params: Params; state: Params } {
    const copies = Array.from({ length: k }, (_, i) => generator.init(rng.split(i === 0 ? "generator" : `generator.${i}`)));
    const shared = sharedLayers([...new Set(Object.keys(copies[0].params).map(layerOf))], sharing);
    const isShared = (name: string) => shared.has(layerOf(name));
    const params: Record<string, tf.Tensor> = {};
    const state: Record<string, tf.Tensor> = {};
    copies.forEach((c, i) => {
      for (const [name, t] of Object.entries(c.params)) {
        if (!isShared(name)) params[`${head(i)}/${name}`] = t;
        else if (i === 0) params[`trunk/${name}`] = t;
        else t.dispose();
      }
      Object.assign(state, prefixed(c.state, head(i)));
    });
    return { params, state };
  }

  function paramsOf(params: Params, i: number): Params {
    return { ...unprefixed(params, "trunk"), ...unprefixed(params, head(i)) };
  }

  const stateOf = (state: Params, i: number): Params => unprefixed(state, head(i));

  function applyOne(params: Params, state: Params, z: tf.Tensor, i: number, ctx: ApplyContext): NetworkOutput {
    const out = generator.apply(paramsOf(params, i), stateOf(state, i), z, ctx);
    return { y: out.y, state: prefixed(out.state, head(i)) };
  }

  /** Round-robin over the generators: rows i, i + k, i + 2k, … go to generator i. */
  function apply(params: Params, state: Params, z: tf.Tensor, ctx: ApplyContext): NetworkOutput {
    const n = z.shape[0];
    const rows = Array.from({ length: k }, (_, i) => Array.from({ length: Math.ceil((n - i) / k) }, (_, r) => i + r * k));
    const inverse = new Int32Array(n);
    rows.flat().forEach((row, at) => { inverse[row] = at; });
    return tf.tidy(() => {
      const outs = rows.map((idx, i) => (idx.length > 0 ? applyOne(params, state, tf.gather(z, idx), i, ctx) : undefined));
      const y = tf.gather(tf.concat(outs.flatMap((o) => (o ? [o.y] : []))), tf.tensor1d(inverse, "int32"));
      return { y, state: Object.assign({ ...state }, ...outs.map((o) => o?.state ?? {})) as Params };
    });
  }

  return Object.freeze({
    k, sharing, generator, paramsOf, stateOf, applyOne,
    network: Object.freeze({ inputShape: generator.inputShape, outputShape: generator.outputShape, init, apply }),
  });
}
