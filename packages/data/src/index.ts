// @gantry/data public API.
export {};
