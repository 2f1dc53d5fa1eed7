// GantryError: the one error class of the toolkit. Errors are tagged data (code, where, hint) so the
// CLI can print "file: node.field: message — hint" and tests can match on `code`, never on prose.

/** Where an error happened: any of file, node, field, step; all optional. */
export interface ErrorLocation {
  readonly file?: string;
  readonly node?: string;
  readonly field?: string;
  readonly step?: number;
  readonly line?: number;
}

export interface GantryErrorOptions {
  readonly where?: ErrorLocation;
  readonly hint?: string;
  readonly cause?: unknown;
}

export class GantryError extends Error {
  override readonly name = "GantryError";
  readonly code: string;
  readonly where: ErrorLocation;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: GantryErrorOptions = {}) {
    super(formatMessage(message, options.where ?? {}, options.hint), { cause: options.cause });
    this.code = code;
    this.where = options.where ?? {};
    this.hint = options.hint;
  }
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
