// @gantry/loggers public API: the CSV and TensorBoard sinks, usable alone, and the plugin that provides them by name.
export { csvSink, type CsvSinkOptions } from "./csv.js";
export { tensorboardSink, type TensorboardSinkOptions } from "./tensorboard.js";
export { loggersPlugin } from "./plugin.js";
