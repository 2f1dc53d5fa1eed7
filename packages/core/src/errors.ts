// GantryError: the one error class of the toolkit. Errors are tagged data (code, where, hint) so the
// CLI can print "file: node.field: message — hint" and tests can match on `code`, never on prose.
// One error may report several issues of one input (validation finds them all, not just the first).

/** Where an error happened: any of file, node, field, step; all optional. */
export interface ErrorLocation {
  readonly file?: string;
  readonly node?: string;
  readonly field?: string;
  readonly step?: number;
  readonly line?: number;
}

/** One problem of an input, as data: a GantryError is one or more of these. */
export interface GantryIssue {
  readonly code: string;
  /** The message without location or hint. */
  readonly message: string;
  readonly where: ErrorLocation;
  readonly hint?: string;
}

export interface GantryErrorOptions {
  readonly where?: ErrorLocation;
  readonly hint?: string;
  readonly cause?: unknown;
  /** Further issues found in the same input, reported after this one (see `aggregateErrors`). */
  readonly more?: readonly GantryIssue[];
}

export class GantryError extends Error {
  override readonly name = "GantryError";
  readonly code: string;
  readonly where: ErrorLocation;
  readonly hint: string | undefined;
  /** Every issue this error reports, itself first; `code`, `where` and `hint` are the first one's. */
  readonly issues: readonly GantryIssue[];

  constructor(code: string, message: string, options: GantryErrorOptions = {}) {
    const where = options.where ?? {};
    const first: GantryIssue = options.hint === undefined ? { code, message, where } : { code, message, where, hint: options.hint };
    const issues = [first, ...(options.more ?? [])];
    super(issues.map((i) => formatMessage(i.message, i.where, i.hint)).join("\n"), { cause: options.cause });
    this.code = code;
    this.where = where;
    this.hint = options.hint;
    this.issues = issues;
  }
}

/**
 * One error reporting every issue of `errors` in file order, by line (issues without a line last); the
 * first issue leads (its code, where and hint are the error's). Duplicate issues are reported once.
 */
export function aggregateErrors(errors: readonly GantryError[]): GantryError {
  if (errors.length === 0) throw new RangeError("aggregateErrors needs at least one error");
  if (errors.length === 1) return errors[0];
  const unique = new Map<string, GantryIssue>();
  for (const i of errors.flatMap((e) => e.issues)) {
    const key = JSON.stringify([i.code, i.message, i.where.file, i.where.line, i.where.node, i.where.field, i.where.step]);
    if (!unique.has(key)) unique.set(key, i);
  }
  const issues = [...unique.values()];
  const files = [...new Set(issues.map((i) => i.where.file))];
  const line = (i: GantryIssue): number => i.where.line ?? Number.MAX_SAFE_INTEGER;
  // Array.prototype.sort is stable, so issues on one line keep the order they were found in.
  const [first, ...more] = issues.sort((a, b) => files.indexOf(a.where.file) - files.indexOf(b.where.file) || line(a) - line(b));
  const cause = errors.find((e) => e.issues.includes(first))?.cause;
  return new GantryError(first.code, first.message, { where: first.where, hint: first.hint, cause, more });
}

export function isGantryError(e: unknown, code?: string): e is GantryError {
  return e instanceof GantryError && (code === undefined || e.code === code);
}

function formatMessage(message: string, where: ErrorLocation, hint: string | undefined): string {
  const place = formatLocation(where);
  const body = place ? `${place}: ${message}` : message;
  return hint ? `${body}\n  hint: ${hint}` : body;
}

/** "spec.yaml:12: nodes.train.with.loss (step 40)" — whatever parts are known. */
export function formatLocation(where: ErrorLocation): string {
  const file = where.file ? (where.line !== undefined ? `${where.file}:${where.line}` : where.file) : "";
  const path = [where.node, where.field].filter(Boolean).join(".");
  const parts = [file, path].filter(Boolean).join(": ");
  return where.step !== undefined ? `${parts}${parts ? " " : ""}(step ${where.step})` : parts;
}
