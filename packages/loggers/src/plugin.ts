// The plugin object: provides sink/csv and sink/tensorboard. Each writes inside the run folder the
// executor hands it (CreateContext.runDir); its `dir` param is relative to that folder.
import { definePlugin, entry, z } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { csvSink } from "./csv.js";
import { resolveInRun, runRelativeDir } from "./run-path.js";
import { tensorboardSink } from "./tensorboard.js";

export const csvSchema = z.object({ dir: runRelativeDir(".") }).strict();
export const tensorboardSchema = z.object({ dir: runRelativeDir("tensorboard") }).strict();

export const loggersPlugin = definePlugin({
  name: "@gantry/loggers",
  version: pkg.version,
  provides: [
    entry({ kind: "sink", name: "csv", params: csvSchema, description: "step stats to scalars.csv, metric values to metrics.csv",
      create: (p, _inputs, context) => csvSink({ dir: resolveInRun(context.runDir, p.dir, "sink/csv") }) }),
    entry({ kind: "sink", name: "tensorboard", params: tensorboardSchema, description: "scalars as TensorBoard event files (events.out.tfevents.*)",
      create: (p, _inputs, context) => tensorboardSink({ dir: resolveInRun(context.runDir, p.dir, "sink/tensorboard") }) }),
  ],
});
