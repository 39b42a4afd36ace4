import { runCompute } from "./interchange";

// The `compute` subcommand, minus the I/O: scripts/commissions.ts reads the input and
// owns the process. Other subcommands (e.g. `reconcile`, which needs the database) live
// outside this folder and are registered in the script's dispatch table.

export const COMPUTE_USAGE = "usage: commissions compute [FILE|-]  (reads standard input when FILE is - or missing)";

export interface CommandIo {
  /** The input text of FILE, or standard input when path is "-". */
  readInput(path: string): Promise<string>;
  stdout(chunk: string): void;
  stderr(line: string): void;
}

/** Runs `compute` with its arguments; returns the exit status. */
export async function computeCommand(args: readonly string[], io: CommandIo): Promise<number> {
  if (args.length > 1 || (args[0] !== undefined && args[0].startsWith("-") && args[0] !== "-")) {
    io.stderr(COMPUTE_USAGE);
    return 2;
  }
  const path = args[0] ?? "-";
  let text: string;
  try {
    text = await io.readInput(path);
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/\s+/g, " ") : String(e);
    io.stderr(`cannot read ${JSON.stringify(path)}: ${reason}`);
    return 2;
  }
  const result = runCompute(text, io.stdout);
  if (result.code === 2) {
    io.stderr(result.error);
    return 2;
  }
  return 0;
}
