// The Node plugin object: backend "webgpu" on Dawn. Same plugin name as the root one, since it replaces
// it: register one of the two, not both.
import { webgpu } from "./node-webgpu-backend.js";
import { webgpuPlugin } from "./plugin.js";

export const backendWebgpuPlugin = webgpuPlugin(webgpu);
