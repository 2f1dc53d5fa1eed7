// @gantry/pipeline public API.
export {};
