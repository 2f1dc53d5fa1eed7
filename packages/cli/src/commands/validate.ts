// `gantry validate <spec>`: all the checks of `run`, without running; `--schema FILE` also writes
// the JSON Schema of specs for the installed plugins (for editor completion).
import { writeFileSync } from "node:fs";
import { specJsonSchema } from "@gantry/pipeline";
import { prepare } from "./prepare.js";

export async function validateCommand(specFile: string, options: { schema?: string }): Promise<string> {
  const { loaded, graph, registry } = await prepare(specFile);
  if (options.schema) writeFileSync(options.schema, JSON.stringify(specJsonSchema(registry), null, 2));
  const nodes = [...graph.nodes.values()];
  const observers = graph.observers.map((id) => `${id} (every ${graph.nodes.get(id)!.every ?? "end"})`);
  return [
    `${specFile}: ok — "${loaded.spec.name}", ${nodes.length} nodes, training node "${graph.trainingNode}"`,
    observers.length ? `observers: ${observers.join(", ")}` : "observers: none",
    ...(options.schema ? [`JSON Schema written to ${options.schema}`] : []),
  ].join("\n");
}
