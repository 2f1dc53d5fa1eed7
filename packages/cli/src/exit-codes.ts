// Exit codes of `gantry` (documented in the README): scripts and CI can tell bad input from a failed run.
export const ExitCode = {
  /** The command did what was asked. */
  ok: 0,
  /** The run failed while executing (a backend error, a crash inside a plugin). */
  failed: 1,
  /** Bad input: unknown command or flag, invalid spec, missing file. Nothing was run. */
  invalidInput: 2,
  /** Interrupted by Ctrl-C; a checkpoint was written, `gantry resume` continues. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure with a known exit code, raised by commands. */
export class CliFailure extends Error {
  constructor(readonly exitCode: ExitCode, message: string) {
    super(message);
  }
}
