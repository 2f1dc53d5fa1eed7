// @gantry/losses public API.
export {};
