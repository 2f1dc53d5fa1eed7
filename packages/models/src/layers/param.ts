// Reads named tensors out of a flat Params record with an error that names the missing entry, so a
// checkpoint from another network fails with a hint instead of "cannot read properties of undefined".
import { GantryError, type Params, type tf } from "@gantry/core";

/** params[name], or a GantryError naming the network and the entry. */
export function param(params: Params, name: string, network: string): tf.Tensor {
  const t = params[name];
  if (t === undefined) {
    throw new GantryError("NETWORK_MISSING_PARAM", `${network}: no parameter or state entry "${name}"`, {
      where: { field: name },
      hint: `pass the params and state returned by this network's init(); it has ${Object.keys(params).length} entries here`,
    });
  }
  return t;
}
