// @gantry/testing public API (a dev dependency of every Gantry package and plugin).
export { describeBackends, type DescribeBackendsOptions } from "./describe-backends.js";
export { testBackendNames, testBackend, type TestBackendName } from "./backends.js";
export { expectNoTensorLeak, expectNoTensorGrowth } from "./leak-check.js";
