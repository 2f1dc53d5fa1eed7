// @gantry/cli public API: the command line as a function (for tests and wrappers), the default
// registry of first-party plugins, and the exit codes.
export { main, type Io } from "./main.js";
export { defaultRegistry, firstPartyPlugins, loadPluginPackage, catalog } from "./default-registry.js";
export { ExitCode, CliFailure } from "./exit-codes.js";
export { createReporter, summarizeStats, type Reporter } from "./progress.js";
