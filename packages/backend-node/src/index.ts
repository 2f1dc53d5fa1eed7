// @gantry/backend-node public API.
export {};
