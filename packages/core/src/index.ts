// @gantry/core public API.
export * as tf from "@tensorflow/tfjs-core";
export { z } from "zod";
export { GantryError, aggregateErrors, isGantryError, formatLocation, type ErrorLocation, type GantryErrorOptions, type GantryIssue } from "./errors.js";
export { didYouMean, levenshtein } from "./did-you-mean.js";
export {
  type Params, mapParams, zipParams, addParams, subParams, scaleParams, globalNorm, countParams,
  cloneParams, disposeParams, keepParams, prefixParams, unprefixParams, paramNames, assertSameKeys,
} from "./params.js";
export { Rng, type RngState } from "./rng.js";
export { stopGradient } from "./ops/stop-gradient.js";
export { FusedDense, fusedDense, type FusedDenseActivation, type FusedDenseAttrs } from "./ops/fused-dense.js";
export { ReluBackprop, reluBackprop } from "./ops/relu-backprop.js";
export { type Player, type PlayerSpec, initPlayer, trainedPlayer, nextEma } from "./players/player.js";
export { type Players, type PlayerAliases, type ImportPlayersOptions, exportPlayers, importPlayers, replacePlayer, disposePlayers } from "./players/players.js";
export { type PlayerStep, stepPlayer } from "./players/step-player.js";
export { emaUpdate } from "./players/ema-update.js";
export { type LossWithAux, type GradsWithAux, gradsWithAux } from "./players/grads-with-aux.js";
export { type Schedule, scheduleSchema, runScheduleSchema, scheduleValue } from "./schedule.js";
export type { Backend } from "./kinds/backend.js";
export type { Network, ApplyContext, NetworkOutput, TrainedNetwork, Sampler } from "./kinds/network.js";
export type { AdversarialLoss } from "./kinds/loss.js";
export type { MultiGeneratorLoss } from "./kinds/multi-generator-loss.js";
export type { Dataset, DatasetInfo, MixtureInfo, Batch, BatchStream, StreamOptions, StreamPosition } from "./kinds/dataset.js";
export type { Optimizer, OptimizerUpdate } from "./kinds/optimizer.js";
export type { Regularizer, RegularizerStepContext, RegularizerRequirements, PenaltyContext, PenaltyLabels } from "./kinds/regularizer.js";
export type { Lookahead, LookaheadContext, LookaheadLoss, LookaheadResult } from "./kinds/lookahead.js";
export type { Method, MethodState, StepStats, JsonValue } from "./kinds/method.js";
export type { Metric, MetricContext, MetricResult, MetricImage } from "./kinds/metric.js";
export type { LinearAlgebra, SymmetricEigen } from "./linear-algebra.js";
export type { FeatureExtractor } from "./kinds/feature-extractor.js";
export type { Sink, GantryEvent } from "./kinds/sink.js";
export { type KindMap, type BuiltinKind, type KindName, type KindValue, builtinKinds, kindToken, looksLikeKind } from "./kinds/kind-map.js";
export { definePlugin, entry, parsePort, type Plugin, type PluginEntry, type PortSpec, type ParsedPort, type PortValues, type CreateContext } from "./registry/plugin.js";
export { createRegistry, type Registry, type RegisteredEntry, type EntryInfo, type CreateOptions } from "./registry/registry.js";
export { useBackend, currentBackend, type UseBackendOptions } from "./backend/use-backend.js";
export { adam, adamSchema, biasCorrection, type AdamOptions } from "./optimizers/adam.js";
export { AdamUpdate, type AdamUpdateAttrs } from "./optimizers/adam-update-kernel.js";
export { SeededNormal, seededNormal, type AleaState, type SeededNormalAttrs } from "./seeded-normal.js";
export { sgd, sgdSchema, type SgdOptions } from "./optimizers/sgd.js";
export { rmsprop, rmspropSchema, type RmspropOptions } from "./optimizers/rmsprop.js";
export { chain } from "./optimizers/chain.js";
export { clipByGlobalNorm, clipByGlobalNormSchema } from "./optimizers/clip-by-global-norm.js";
export { applyUpdates } from "./optimizers/apply-updates.js";
export { learningRateSchema, parseOptions } from "./optimizers/optimizer-options.js";
export { coreOptimizersPlugin } from "./plugin.js";
export {
  encodeSafetensors, decodeSafetensors, paramsToRaw, rawToParams,
  type SafetensorsDType, type RawTensor, type RawTensorData, type DecodedSafetensors,
} from "./safetensors.js";
export { decodeNpy, encodeNpy, type NpyArray, type NpyDtype, type NpyTypedArray } from "./npy.js";
export { replaceKernel, stockKernel, isGantryKernel } from "./backend/replace-kernel.js";
export { sharedIdentityKernel } from "./backend/shared-identity-kernel.js";
export { sharedCastKernel } from "./backend/shared-cast-kernel.js";
export { convInfo, convGeometry, isSupportedConv, assertSupportedConv, type ConvAttrs, type ConvGeometry } from "./backend/conv-geometry.js";
