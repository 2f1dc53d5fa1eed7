// The settings form: fills the selects from spec.ts's lists, reads the form into PlaygroundSettings
// and a backend choice, and greys out what the current choice ignores (the binary loss and Unrolled K
// under MAD-GAN, which has its own loss and no look-ahead port).
import { hasWebgpu, type BackendChoice } from "./backend-choice.js";
import { DATASETS, LOSSES, REGULARIZERS, type PlaygroundSettings } from "./spec.js";

export interface FormValues {
  readonly settings: PlaygroundSettings;
  readonly backend: BackendChoice;
  readonly coverageEvery: number;
}

function field<T extends HTMLInputElement | HTMLSelectElement>(form: HTMLFormElement, name: string): T {
  return form.elements.namedItem(name) as T;
}

function fillSelect(select: HTMLSelectElement, values: readonly string[]): void {
  select.replaceChildren(...values.map((v) => new Option(v, v)));
}

export function initForm(form: HTMLFormElement, settings: PlaygroundSettings): void {
  fillSelect(field(form, "dataset"), DATASETS);
  fillSelect(field(form, "loss"), LOSSES);
  fillSelect(field(form, "regularizer"), REGULARIZERS);
  for (const [key, value] of Object.entries(settings)) field(form, key).value = String(value);
  if (!hasWebgpu()) {
    const webgpuOption = field<HTMLSelectElement>(form, "backend").querySelector("option[value=webgpu]") as HTMLOptionElement;
    webgpuOption.disabled = true;
    webgpuOption.textContent = "WebGPU (navigator.gpu missing)";
  }
  syncDisabled(form);
}

/** MAD-GAN (k > 1) ignores the binary loss and cannot unroll. */
export function syncDisabled(form: HTMLFormElement): void {
  const madgan = Number(field(form, "madganGenerators").value) > 1;
  field(form, "loss").disabled = madgan;
  const unrolled = field<HTMLInputElement>(form, "unrolledSteps");
  unrolled.disabled = madgan;
  if (madgan) unrolled.value = "0";
}

export function readForm(form: HTMLFormElement): FormValues {
  const text = (name: string) => field(form, name).value;
  const num = (name: string) => Number(text(name));
  const settings: PlaygroundSettings = {
    dataset: text("dataset") as PlaygroundSettings["dataset"],
    loss: text("loss") as PlaygroundSettings["loss"],
    regularizer: text("regularizer") as PlaygroundSettings["regularizer"],
    unrolledSteps: num("unrolledSteps"), madganGenerators: num("madganGenerators"), steps: num("steps"),
    batchSize: num("batchSize"), learningRate: num("learningRate"), dSteps: num("dSteps"), seed: num("seed"),
  };
  const backend: BackendChoice = {
    backend: text("backend") === "webgpu" ? "webgpu" : "wasm",
    allowSoftware: field<HTMLInputElement>(form, "allowSoftware").checked,
  };
  return { settings, backend, coverageEvery: Math.max(1, num("coverageEvery")) };
}

/** Writes the given values into the form (the test hook's way of choosing settings). */
export function writeForm(form: HTMLFormElement, values: Partial<PlaygroundSettings> & Partial<BackendChoice> & { coverageEvery?: number }): void {
  for (const [key, value] of Object.entries(values)) {
    const input = field<HTMLInputElement>(form, key);
    if (input.type === "checkbox") input.checked = Boolean(value);
    else input.value = String(value);
  }
  syncDisabled(form);
}
