// A player of a GAN method (docs/adr/0008): one network with its parameters, network state, optimizer
// and optimizer state, and optionally an EMA of its parameters. A method's mutable state is a keyed set
// of players plus its own random streams; checkpoints, disposal and `trained(id)` work on players
// generically (players.ts), so a method with k generators writes no checkpoint code.
import { GantryError } from "../errors.js";
import type { Network, TrainedNetwork } from "../kinds/network.js";
import type { Optimizer } from "../kinds/optimizer.js";
import { cloneParams, type Params } from "../params.js";
import { emaUpdate } from "./ema-update.js";
import type { Rng } from "../rng.js";

export interface Player {
  /** "generator", "generator.2", "discriminator": the prefix of its tensors in checkpoints (no "/"). */
  readonly id: string;
  readonly network: Network;
  readonly optimizer: Optimizer;
  readonly params: Params;
  /** Network state (batch-norm running statistics, spectral-norm vectors); {} when stateless. */
  readonly state: Params;
  readonly optState: Params;
  /** Exponential moving average of `params` (samples and observers use it), with its decay. */
  readonly ema?: Params;
  readonly emaDecay?: number;
}

export interface PlayerSpec {
  readonly id: string;
  readonly network: Network;
  readonly optimizer: Optimizer;
  /** β of θ̄ ← β·θ̄ + (1 − β)·θ; omitted: no EMA. */
  readonly emaDecay?: number;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A new player: the network initialised from `rng`, its optimizer's state, the EMA as a copy. */
export function initPlayer(spec: PlayerSpec, rng: Rng): Player {
  if (!ID.test(spec.id)) {
    throw new GantryError("PLAYER_BAD_ID", `player id ${JSON.stringify(spec.id)} is not a name (letters, digits, ".", "_", "-"; no "/")`, {
      hint: "ids prefix the player's tensors in checkpoints: use e.g. \"generator.2\"",
    });
  }
  const { params, state } = spec.network.init(rng);
  return {
    id: spec.id, network: spec.network, optimizer: spec.optimizer, params, state,
    optState: spec.optimizer.init(params),
    ...(spec.emaDecay !== undefined ? { ema: cloneParams(params), emaDecay: spec.emaDecay } : {}),
  };
}

/** The player as observers see it: EMA weights when it has them, unless `online`. */
export function trainedPlayer(p: Player, online = false): TrainedNetwork {
  return { network: p.network, params: online ? p.params : (p.ema ?? p.params), state: p.state };
}

/** θ̄ ← β·θ̄ + (1 − β)·θ over the player's new params; undefined when it has no EMA. New tensors. */
export function nextEma(p: Player, params: Params): Params | undefined {
  return p.ema && p.emaDecay !== undefined ? emaUpdate(p.ema, params, p.emaDecay) : undefined;
}
