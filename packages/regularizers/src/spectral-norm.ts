// Spectral normalisation (Miyato et al. 2018): every weight W of D with rank ≥ 2 (dense and conv
// kernels, embeddings; not biases or norm scales) is used as W/σ(W), σ its largest singular value,
// estimated by one power iteration per training forward pass, so each layer is 1-Lipschitz and the
// whole D is K-Lipschitz without a penalty's second-order cost. As torch.nn.utils.spectral_norm: the
// kernel is read as a matrix [out, rest]; u and v are kept (in the network's *state*, so they are
// checkpointed and resumed) and treated as constants for differentiation; eval mode does no iteration.
import {
  GantryError, stopGradient, tf, z,
  type ApplyContext, type Network, type NetworkOutput, type Params, type Regularizer, type Rng,
} from "@gantry/core";
import { parseRegularizerOptions, type RegularizerIdentity } from "./regularizer-options.js";

export const spectralNormSchema = z.object({
  iterations: z.number().int().positive().default(1).describe("power iterations per training forward pass (the paper: 1)"),
  eps: z.number().positive().default(1e-12).describe("vectors are divided by max(‖·‖, eps), as torch's normalize"),
}).strict();

export type SpectralNormOptions = z.input<typeof spectralNormSchema> & RegularizerIdentity;

/** State keys of a weight's power-iteration vectors. */
const STATE_PREFIX = "spectral-norm/";
const uKey = (param: string) => `${STATE_PREFIX}${param}/u`;
const vKey = (param: string) => `${STATE_PREFIX}${param}/v`;

export interface SpectralNormalized {
  /** W/σ, shaped like W. */
  readonly kernel: tf.Tensor;
  /** σ = vᵀ·W_mat·u, differentiable w.r.t. W only. */
  readonly sigma: tf.Scalar;
  /** The (updated) left/right singular vector estimates: u over W's last axis [out], v over the rest. */
  readonly u: tf.Tensor;
  readonly v: tf.Tensor;
}

function normalize(x: tf.Tensor, eps: number): tf.Tensor {
  return tf.div(x, tf.maximum(tf.norm(x), eps));
}

/**
 * W/σ(W) for a kernel whose last axis is its output (Gantry's [in, out] and [kh, kw, in, out]):
 * W_mat = reshape(W, [rest, out]); `iterations` power steps v ← norm(W_mat·u), u ← norm(W_matᵀ·v)
 * (0 in eval mode: the stored u, v), then σ = vᵀ·W_mat·u with u, v held constant.
 */
export function spectralNormalize(kernel: tf.Tensor, u: tf.Tensor, v: tf.Tensor, iterations: number, eps: number): SpectralNormalized {
  return tf.tidy(() => {
    const out = kernel.shape[kernel.rank - 1];
    const w = tf.reshape(kernel, [-1, out]);
    let uu = tf.reshape(u, [out, 1]);
    let vv = tf.reshape(v, [-1, 1]);
    for (let i = 0; i < iterations; i++) {
      vv = normalize(tf.matMul(w, uu), eps);
      uu = normalize(tf.matMul(w, vv, true, false), eps);
    }
    uu = stopGradient(uu);
    vv = stopGradient(vv);
    const sigma = tf.reshape(tf.matMul(tf.matMul(vv, w, true, false), uu), []) as tf.Scalar;
    return { kernel: tf.div(kernel, sigma), sigma, u: tf.reshape(uu, [out]), v: tf.reshape(vv, [-1]) };
  });
}

/** Names of the params spectral norm applies to: every tensor of rank ≥ 2. */
function normalizedParams(params: Params): string[] {
  return Object.keys(params).filter((k) => params[k].rank >= 2).sort();
}

function wrap(network: Network, iterations: number, eps: number): Network {
  function init(rng: Rng): { params: Params; state: Params } {
    const inner = network.init(rng);
    const clash = Object.keys(inner.state).find((k) => k.startsWith(STATE_PREFIX));
    if (clash !== undefined) {
      tf.dispose([...Object.values(inner.params), ...Object.values(inner.state)]);
      throw new GantryError("SPECTRAL_NORM_TWICE", `the discriminator's state already has "${clash}": spectral norm is applied twice`, {
        where: { field: "with.regularizers" }, hint: "list regularizer/spectral-norm once",
      });
    }
    const vectors = rng.split("spectral-norm");
    const state: Record<string, tf.Tensor> = { ...inner.state };
    for (const name of normalizedParams(inner.params)) {
      const k = inner.params[name];
      state[uKey(name)] = tf.tidy(() => normalize(vectors.normal([k.shape[k.rank - 1]]), eps));
      state[vKey(name)] = tf.tidy(() => normalize(vectors.normal([k.size / k.shape[k.rank - 1]]), eps));
    }
    return { params: inner.params, state };
  }

  function apply(params: Params, state: Params, x: tf.Tensor, ctx: ApplyContext): NetworkOutput {
    // tidy returns y and the new state; tensors passed in (an unchanged inner state) are not its own.
    return tf.tidy(() => {
      const innerState: Record<string, tf.Tensor> = {};
      for (const [k, t] of Object.entries(state)) if (!k.startsWith(STATE_PREFIX)) innerState[k] = t;
      const normalized: Record<string, tf.Tensor> = { ...params };
      const vectors: Record<string, tf.Tensor> = {};
      for (const name of normalizedParams(params)) {
        const u = state[uKey(name)];
        const v = state[vKey(name)];
        if (!u || !v) {
          throw new GantryError("SPECTRAL_NORM_STATE", `spectral norm has no power-iteration vectors for "${name}" in the network state`, {
            hint: "use the state from this wrapped network's init (or a checkpoint of it)",
          });
        }
        const sn = spectralNormalize(params[name], u, v, ctx.training ? iterations : 0, eps);
        normalized[name] = sn.kernel;
        vectors[uKey(name)] = sn.u;
        vectors[vKey(name)] = sn.v;
      }
      const out = network.apply(normalized, innerState, x, ctx);
      return { y: out.y, state: { ...out.state, ...vectors } };
    });
  }

  return Object.freeze({
    inputShape: network.inputShape,
    outputShape: network.outputShape,
    ...(network.numClasses !== undefined ? { numClasses: network.numClasses } : {}),
    init,
    apply,
  });
}

export function spectralNorm(options: SpectralNormOptions = {}): Regularizer {
  const { params, identity } = parseRegularizerOptions("spectral-norm", spectralNormSchema, options);
  return Object.freeze({
    name: "spectral-norm",
    ...identity,
    wrapNetwork: (network: Network): Network => wrap(network, params.iterations, params.eps),
  });
}
