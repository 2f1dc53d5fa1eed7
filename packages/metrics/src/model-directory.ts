// A TF.js IOHandler over a local folder (model.json + weight shards) read and written with node:fs,
// since tfjs-node's file:// handler is not available here; http(s) URLs are fetched the same way.
// It loads and saves the standard TF.js format and does not convert Keras/PyTorch files.
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { GantryError, tf } from "@gantry/core";

type ModelJson = tf.io.ModelJSON;

const isUrl = (path: string): boolean => /^https?:\/\//.test(path);

async function readBytes(location: string): Promise<ArrayBuffer> {
  try {
    if (isUrl(location)) {
      const res = await fetch(location);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.arrayBuffer();
    }
    const buf = await readFile(location);
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  } catch (e) {
    throw new GantryError("MODEL_READ_FAILED", `cannot read ${location}: ${e instanceof Error ? e.message : String(e)}`, {
      where: { file: location }, hint: "point path at a folder (or URL) holding model.json and the weight shards it lists",
    });
  }
}

/** model.json's folder and file from a folder path, a model.json path or a URL. */
function locate(path: string): { base: string; json: string } {
  const json = path.endsWith(".json") ? path : isUrl(path) ? `${path.replace(/\/$/, "")}/model.json` : join(path, "model.json");
  const cut = json.lastIndexOf("/");
  return { base: json.slice(0, cut), json };
}

const shardPath = (base: string, p: string): string => (isUrl(base) ? `${base}/${p}` : join(base, p));

function parseModelJson(bytes: ArrayBuffer, json: string): ModelJson {
  const model = JSON.parse(new TextDecoder().decode(bytes)) as ModelJson;
  if (!model.modelTopology || !Array.isArray(model.weightsManifest)) {
    throw new GantryError("MODEL_BAD_JSON", `${json} is not a TF.js model.json (modelTopology and weightsManifest)`, {
      where: { file: json }, hint: "convert the model with tensorflowjs_converter (see the metrics README)",
    });
  }
  return model;
}

const shardPaths = (model: ModelJson, base: string): string[] => model.weightsManifest.flatMap((g) => g.paths).map((p) => shardPath(base, p));

function assemble(model: ModelJson, shards: ArrayBuffer[]): tf.io.ModelArtifacts {
  return tf.io.getModelArtifactsForJSONSync(model, model.weightsManifest.flatMap((g) => g.weights), tf.io.concatenateArrayBuffers(shards));
}

/** Reads model.json and every weight shard into ModelArtifacts (weights concatenated in manifest order). */
export async function readModelArtifacts(path: string): Promise<tf.io.ModelArtifacts> {
  const { base, json } = locate(path);
  const model = parseModelJson(await readBytes(json), json);
  return assemble(model, await Promise.all(shardPaths(model, base).map(readBytes)));
}

/** The same from a local folder, synchronously (registry entries are created synchronously). */
export function readModelArtifactsSync(path: string): tf.io.ModelArtifacts {
  if (isUrl(path)) {
    throw new GantryError("MODEL_SYNC_URL", `cannot read ${path} synchronously`, {
      hint: "download the model to a folder first, or call loadInceptionV3({ path }) in code (it fetches URLs)",
    });
  }
  const read = (file: string): ArrayBuffer => {
    try {
      const buf = readFileSync(file);
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    } catch (e) {
      throw new GantryError("MODEL_READ_FAILED", `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, {
        where: { file }, hint: "point path at a folder holding model.json and the weight shards it lists",
      });
    }
  };
  const { base, json } = locate(path);
  const model = parseModelJson(read(json), json);
  return assemble(model, shardPaths(model, base).map(read));
}

/** An IOHandler reading (and, for folders, writing) a TF.js model in the standard layout. */
export function modelDirectory(path: string): tf.io.IOHandler {
  return {
    load: () => readModelArtifacts(path),
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (isUrl(path)) throw new GantryError("MODEL_SAVE_URL", `cannot save to ${path}`, { hint: "save to a local folder" });
      await mkdir(path, { recursive: true });
      const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.concatenateArrayBuffers(
        Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData]);
      const manifest: tf.io.WeightsManifestConfig = [{ paths: ["weights.bin"], weights: artifacts.weightSpecs ?? [] }];
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology as ModelJson["modelTopology"], weightsManifest: manifest,
        format: artifacts.format, generatedBy: artifacts.generatedBy, convertedBy: artifacts.convertedBy ?? null,
        ...(artifacts.signature ? { signature: artifacts.signature } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      await writeFile(join(path, "weights.bin"), new Uint8Array(weights));
      await writeFile(join(path, "model.json"), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}
