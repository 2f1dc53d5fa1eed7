// `gantry list [kind]`: what the registry holds, with each entry's params (type, default) and ports.
import type { EntryInfo } from "@gantry/core";
import { defaultRegistry } from "../default-registry.js";

interface PropertySchema { type?: string | string[]; default?: unknown; description?: string; anyOf?: PropertySchema[]; enum?: unknown[] }

function describeType(p: PropertySchema): string {
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join("|");
  if (p.anyOf) return [...new Set(p.anyOf.map(describeType))].join("|");
  return Array.isArray(p.type) ? p.type.join("|") : (p.type ?? "any");
}

export function formatEntry(e: EntryInfo): string {
  const lines = [`${e.kind}/${e.name}  (${e.plugin}@${e.version})${e.description ? ` — ${e.description}` : ""}`];
  const props = (e.params as { properties?: Record<string, PropertySchema> }).properties ?? {};
  for (const [name, p] of Object.entries(props)) {
    const def = p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : "";
    lines.push(`    params.${name}: ${describeType(p)}${def}`);
  }
  for (const [port, spec] of Object.entries(e.inputs)) lines.push(`    with.${port}: ${Array.isArray(spec) ? `[${spec[0]}]` : spec}`);
  return lines.join("\n");
}

export async function listCommand(kind: string | undefined): Promise<string> {
  const registry = await defaultRegistry();
  const entries = registry.list(kind);
  if (entries.length === 0) {
    const kinds = [...new Set(registry.list().map((e) => e.kind))].sort();
    return `no entries of kind "${kind}"; kinds: ${kinds.join(", ")}`;
  }
  return entries.map(formatEntry).join("\n");
}
