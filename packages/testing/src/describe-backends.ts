// describeBackends: runs one suite once per backend of the test matrix, switching the global TF.js
// backend in beforeAll (vitest runs a file's suites in order, so each suite sees its own backend).
import { useBackend } from "@gantry/core";
import { beforeAll, describe } from "vitest";
import { testBackend, testBackendNames, type TestBackendName } from "./backends.js";

export interface DescribeBackendsOptions {
  /** Restrict to these backends (intersected with the run's matrix), e.g. long training tests on one. */
  readonly only?: readonly TestBackendName[];
}

export function describeBackends(
  name: string,
  suite: (backend: TestBackendName) => void,
  options: DescribeBackendsOptions = {},
): void {
  const names = testBackendNames().filter((n) => !options.only || options.only.includes(n));
  for (const backend of names) {
    describe(`${name} [${backend}]`, () => {
      beforeAll(async () => {
        await useBackend(await testBackend(backend), { log: () => {} });
      });
      suite(backend);
    });
  }
}
