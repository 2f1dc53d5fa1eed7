import { parseDocument } from "yaml";
import { expect, it } from "vitest";
import { resolveYamlPath } from "./yaml-path.js";

const doc = parseDocument("name: x\nnodes:\n  critic: { params: { hidden: [64, 64] } }\n");

it("resolves keys and list indices, allowing a new last key or the index one past a list's end", () => {
  expect(resolveYamlPath(doc, ["nodes", "critic", "params", "hidden", "1"])).toEqual({ path: ["nodes", "critic", "params", "hidden", 1] });
  expect(resolveYamlPath(doc, ["nodes", "critic", "params", "hidden", "2"])).toEqual({ path: ["nodes", "critic", "params", "hidden", 2] });
  expect(resolveYamlPath(doc, ["nodes", "critic", "params", "lr"])).toEqual({ path: ["nodes", "critic", "params", "lr"] });
});

it("says why a path does not resolve, and where", () => {
  expect(resolveYamlPath(doc, ["nodes", "critc", "params"])).toEqual({ problem: { kind: "missingKey", at: ["nodes"], segment: "critc", keys: ["critic"] } });
  expect(resolveYamlPath(doc, ["nodes", "critic", "params", "hidden", "3"])).toEqual({
    problem: { kind: "badIndex", at: ["nodes", "critic", "params", "hidden"], segment: "3", size: 2, last: true },
  });
  expect(resolveYamlPath(doc, ["name", "x"])).toEqual({ problem: { kind: "notContainer", at: ["name"], segment: "x", scalar: { value: "x" } } });
});
