// A dotted override path (`nodes.critic.params.hidden.0`) resolved in a spec's YAML document: keys through
// mappings, indices through lists, every segment but the last existing (the last may be a new key, or
// the index one past a list's end). Shared by `gantry run --set` and sweeps, which word their errors.
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";

/** Why a path does not resolve, at segment `segment` below `at`. */
export type YamlPathProblem =
  | { readonly kind: "missingKey"; readonly at: readonly (string | number)[]; readonly segment: string; readonly keys: readonly string[] }
  | { readonly kind: "badIndex"; readonly at: readonly (string | number)[]; readonly segment: string; readonly size: number; readonly last: boolean }
  /** Neither a mapping nor a list: a scalar (its value) or nothing. */
  | { readonly kind: "notContainer"; readonly at: readonly (string | number)[]; readonly segment: string; readonly scalar?: { readonly value: unknown } };

export type YamlPathResult = { readonly path: (string | number)[] } | { readonly problem: YamlPathProblem };

/** The document path (list indices as numbers) for `doc.setIn`, or why there is none. */
export function resolveYamlPath(doc: Document, segments: readonly string[]): YamlPathResult {
  const out: (string | number)[] = [];
  let node = doc.contents as YamlNode | null;
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const keys = node.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
      const pair = node.items[keys.indexOf(segment)];
      if (!pair && !last) return { problem: { kind: "missingKey", at: [...out], segment, keys } };
      out.push(segment);
      node = (pair?.value ?? null) as YamlNode | null;
    } else if (isSeq(node)) {
      const index = /^\d+$/.test(segment) ? Number(segment) : -1;
      const size = node.items.length;
      if (index < 0 || index > size || (index === size && !last)) return { problem: { kind: "badIndex", at: [...out], segment, size, last } };
      out.push(index);
      node = (node.items[index] ?? null) as YamlNode | null;
    } else {
      return { problem: { kind: "notContainer", at: [...out], segment, ...(isScalar(node) ? { scalar: { value: node.value } } : {}) } };
    }
  }
  return { path: out };
}
