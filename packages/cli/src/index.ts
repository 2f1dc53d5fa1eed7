// @gantry/cli public API.
export {};
