// @gantry/metrics public API.
export {};
