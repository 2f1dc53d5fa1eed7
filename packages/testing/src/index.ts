// @gantry/testing public API (a dev dependency of every Gantry package and plugin).
export { describeBackends, type DescribeBackendsOptions } from "./describe-backends.js";
export { testBackendNames, testBackend, type TestBackendName } from "./backends.js";
export { expectNoTensorLeak, expectNoTensorGrowth } from "./leak-check.js";
export { checkGradient, type CheckGradientOptions, type ScalarFunction } from "./check-gradient.js";
export { checkDirectionalDerivative, type CheckDirectionalDerivativeOptions, type ParamsFunction } from "./check-directional-derivative.js";
export { readTidy } from "./read-tidy.js";
export { type GradientCheckResult, type Tolerance, compareElementwise } from "./gradient-check-result.js";
export { referenceConv2d, referenceBackpropFilter, referenceBackpropInput, relativeError } from "./conv-reference.js";
export { convCases, convPads, type ConvCase, type ConvCaseLimits } from "./conv-arbitraries.js";
export { hasPythonModules } from "./python.js";
export { gantryErrorOf } from "./gantry-error-of.js";
