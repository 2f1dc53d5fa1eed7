// Turns a zod params failure into one field path and one message for a GantryError: a misspelt key
// shows up twice (unknown "step", missing "steps"), so the unknown key wins, with a did-you-mean.
import { z } from "zod";
import { didYouMean } from "../did-you-mean.js";

export interface ParamsIssue {
  /** "params.latent.dim" */
  readonly field: string;
  readonly message: string;
  /** How many problems zod found in all. */
  readonly count: number;
}

export function paramsIssue(schema: z.ZodType, error: z.ZodError): ParamsIssue {
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0];
  const path = ["params", ...issue.path.map(String)];
  if (issue.code !== "unrecognized_keys") return { field: path.join("."), message: issue.message, count: error.issues.length };
  const key = issue.keys[0];
  const guess = issue.path.length === 0 ? didYouMean(key, objectKeys(schema)) : undefined;
  return { field: [...path, key].join("."), message: `unknown param "${key}"${guess ? `; did you mean "${guess}"?` : ""}`, count: error.issues.length };
}

/** The keys of an object schema (looking through .default()/.optional()). */
function objectKeys(schema: z.ZodType): string[] {
  let s: unknown = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap();
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}
