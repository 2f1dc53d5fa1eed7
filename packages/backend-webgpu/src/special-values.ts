// Sigmoid, Relu6, Log and Log1p on webgpu, made to return what the cpu backend returns for NaN, 0 and
// out-of-domain inputs. WGSL lets drivers assume no NaN/Inf (SwiftShader: sigmoid(NaN) = 0,
// log(NaN) = 89.1, log(0) = -88.0, log1p(-100) = log(99)); a NaN hidden as D(x) = 0 would mask a
// diverged run. The fixes compose stock webgpu kernels (IsNan, Equal, Less, Fill, Select): no new WGSL.
import { tf } from "@gantry/core";

type Info = tf.TensorInfo;
/** tfjs-backend-webgpu's backend; makeTensorInfo is on it but not on tfjs-core's KernelBackend type. */
type Backend = tf.KernelBackend & { makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.BackendValues): Info };

function kernel(name: string, inputs: tf.NamedTensorInfoMap, backend: Backend, attrs: tf.NamedAttrMap = {}): Info {
  const k = tf.getKernel(name, "webgpu");
  if (!k) throw new Error(`webgpu kernel ${name} is not registered`);
  return k.kernelFunc({ inputs, backend, attrs }) as Info;
}

/** where(cond, whenTrue, whenFalse), disposing cond and whenFalse (whenTrue is the caller's). */
function selectInto(cond: Info, whenTrue: Info, whenFalse: Info, backend: Backend): Info {
  const out = kernel("Select", { condition: cond, t: whenTrue, e: whenFalse }, backend);
  backend.disposeData(cond.dataId);
  backend.disposeData(whenFalse.dataId);
  return out;
}

function compare(name: "Equal" | "Less", x: Info, value: number, backend: Backend): Info {
  const scalar = backend.makeTensorInfo([], "float32", new Float32Array([value]));
  const out = kernel(name, { a: x, b: scalar }, backend);
  backend.disposeData(scalar.dataId);
  return out;
}

/** `value` where cond holds, else y (cond and y are disposed). */
function replaceWhere(cond: Info, value: number, y: Info, backend: Backend): Info {
  const filled = kernel("Fill", {}, backend, { shape: y.shape, value, dtype: "float32" });
  const out = selectInto(cond, filled, y, backend);
  backend.disposeData(filled.dataId);
  return out;
}

function propagateNaN(x: Info, y: Info, backend: Backend): Info {
  return selectInto(kernel("IsNan", { x }, backend), x, y, backend);
}

function unaryFix(fix: (x: Info, y: Info, backend: Backend) => Info): (stock: tf.KernelFunc) => tf.KernelFunc {
  return (stock) => (args) => {
    const x = args.inputs.x as Info;
    const y = stock(args) as Info;
    if (x.dtype !== "float32") return y;
    return fix(x, y, args.backend as unknown as Backend);
  };
}

/** sigmoid(NaN) and relu6(NaN) = NaN. */
export const nanPropagating = unaryFix(propagateNaN);

/** log(NaN) = NaN, log(0) = -Inf (negative inputs already give NaN in the stock shader). */
export const logFixed = unaryFix((x, y, backend) => {
  const zeroed = replaceWhere(compare("Equal", x, 0, backend), -Infinity, y, backend);
  return propagateNaN(x, zeroed, backend);
});

/** log1p(-1) = -Inf, log1p(x < -1) = NaN (NaN already propagates in the stock shader). */
export const log1pFixed = unaryFix((x, y, backend) => {
  const atMinusOne = replaceWhere(compare("Equal", x, -1, backend), -Infinity, y, backend);
  return replaceWhere(compare("Less", x, -1, backend), NaN, atMinusOne, backend);
});
