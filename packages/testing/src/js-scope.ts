// jsScope: like tf.tidy for functions that return plain JS values (numbers, typed arrays): every
// tensor made inside is disposed. tf.tidy's types only admit tensor containers.
import { tf } from "@gantry/core";

export function jsScope<T>(fn: () => T): T {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}
