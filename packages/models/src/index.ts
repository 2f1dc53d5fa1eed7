// @gantry/models public API.
export {};
