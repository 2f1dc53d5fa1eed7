// @gantry/backend-webgpu public API.
export {};
