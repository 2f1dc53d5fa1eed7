// Operations on a method's keyed set of players (docs/adr/0008): export every tensor under
// "<id>/params|state|opt|ema/…", import with name and shape checks (and a method's aliased names),
// replace a player's tensors disposing what is no longer used, dispose them all.
import { GantryError } from "../errors.js";
import { assertSameKeys, cloneParams, prefixParams, unprefixParams, type Params } from "../params.js";
import type { Player } from "./player.js";

export type Players = Readonly<Record<string, Player>>;

/** The tensor groups of a player, by checkpoint name. */
const groups = ["params", "state", "opt", "ema"] as const;
type Group = (typeof groups)[number];

function groupOf(p: Player, g: Group): Params | undefined {
  return g === "params" ? p.params : g === "state" ? p.state : g === "opt" ? p.optState : p.ema;
}

/**
 * A method's stored names for some groups, canonical prefix → stored prefix, e.g. alternating's
 * { "generator/opt": "gOpt", "discriminator/opt": "dOpt", "generator/ema": "ema" }: the layout its
 * checkpoints had before players, kept so they still load and read the same.
 */
export type PlayerAliases = Readonly<Record<string, string>>;

function stored(prefix: string, aliases: PlayerAliases | undefined): string {
  return aliases?.[prefix] ?? prefix;
}

/** Copies of every player's tensors under "<id>/<group>/<name>" (or its alias). */
export function exportPlayers(players: Players, aliases?: PlayerAliases): Params {
  const out: Record<string, Params[string]> = {};
  for (const p of Object.values(players)) {
    for (const g of groups) {
      const t = groupOf(p, g);
      if (t) Object.assign(out, prefixParams(cloneParams(t), stored(`${p.id}/${g}`, aliases)));
    }
  }
  return out;
}

export interface ImportPlayersOptions {
  /** Who is importing, for messages ("alternating"). */
  readonly method: string;
  /** The method's aliases (see exportPlayers); both aliased and canonical names are read. */
  readonly aliases?: PlayerAliases;
}

function mismatch(method: string, message: string, cause?: unknown): GantryError {
  return new GantryError("METHOD_STATE_MISMATCH", `${method}.importState: ${message}`, {
    hint: "import a state exported by a method built with the same networks, optimizers, regularizers and ema option", cause,
  });
}

/** Players with copies of the saved tensors, checked name by name and shape by shape against `current`. */
export function importPlayers(saved: Params, current: Players, options: ImportPlayersOptions): Players {
  const canonical = Object.entries(options.aliases ?? {});
  const renamed: Record<string, Params[string]> = {};
  for (const [name, t] of Object.entries(saved)) {
    const alias = canonical.find(([, to]) => name.startsWith(`${to}/`));
    renamed[alias ? `${alias[0]}${name.slice(alias[1].length)}` : name] = t;
  }
  const known = Object.values(current).flatMap((p) => groups.map((g) => `${p.id}/${g}/`));
  const stray = Object.keys(renamed).filter((k) => !known.some((prefix) => k.startsWith(prefix)));
  if (stray.length > 0) throw mismatch(options.method, `unexpected tensors [${stray.slice(0, 5).join(", ")}]`);
  // Check everything before copying anything, so a mismatch leaves no tensors behind.
  const chosen = Object.values(current).map((p) => {
    const next: Partial<Record<Group, Params>> = {};
    for (const g of groups) {
      const mine = groupOf(p, g);
      const theirs = unprefixParams(renamed, `${p.id}/${g}`);
      if (!mine) {
        if (Object.keys(theirs).length > 0) throw mismatch(options.method, `the state has "${p.id}/${g}/…" tensors but this method's ${p.id} has no ${g}`);
        continue;
      }
      try { assertSameKeys(mine, theirs); } catch (e) { throw mismatch(options.method, `${p.id}/${g}: ${(e as Error).message}`, e); }
      for (const name of Object.keys(mine)) {
        if (mine[name].shape.join() !== theirs[name].shape.join()) {
          throw mismatch(options.method, `${p.id}/${g}/${name} has shape [${theirs[name].shape}], expected [${mine[name].shape}]`);
        }
      }
      next[g] = theirs;
    }
    return { p, next };
  });
  return Object.fromEntries(chosen.map(({ p, next }) => [p.id, {
    ...p, params: cloneParams(next.params!), state: cloneParams(next.state!), optState: cloneParams(next.opt!),
    ...(next.ema ? { ema: cloneParams(next.ema) } : {}),
  }]));
}

/** The player with some tensor groups replaced; the replaced tensors that `next` does not reuse are disposed. */
export function replacePlayer(p: Player, next: Partial<Pick<Player, "params" | "state" | "optState" | "ema">>): Player {
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    const reused = new Set(Object.values(next[key] ?? {}));
    for (const t of Object.values(p[key] ?? {})) if (!reused.has(t)) t.dispose();
  }
  return { ...p, ...next };
}

/** Disposes every tensor of every player (each once). */
export function disposePlayers(players: Players): void {
  const all = new Set(Object.values(players).flatMap((p) => groups.flatMap((g) => Object.values(groupOf(p, g) ?? {}))));
  for (const t of all) t.dispose();
}
