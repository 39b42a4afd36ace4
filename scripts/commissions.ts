// `npm run --silent commissions -- <subcommand> ...`: a thin wrapper. The work is in
// lib/commissions; this file owns the process (arguments, files, exit status).
import { readFile } from "node:fs/promises";
import type { CommandIo } from "../lib/commissions/cli";

type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

// Subcommands load lazily, so the one that needs the database (`reconcile`)
// costs nothing to the others.
const commands: Record<string, () => Promise<Command>> = {
  compute: async () => (await import("../lib/commissions/cli")).computeCommand,
  reconcile: async () => (await import("./commissions/reconcile")).reconcileCommand,
};

const USAGE = `usage: commissions <${Object.keys(commands).join("|")}> ...  (e.g. commissions compute [FILE|-], commissions reconcile)`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

const io: CommandIo = {
  readInput: (path) => (path === "-" ? readStdin() : readFile(path, "utf8")),
  stdout: (chunk) => {
    process.stdout.write(chunk);
  },
  stderr: (line) => {
    process.stderr.write(`${line.replace(/\n/g, " ")}\n`);
  },
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined || !Object.hasOwn(commands, name) ? undefined : commands[name];
  if (load === undefined) {
    io.stderr(name === undefined ? USAGE : `unknown subcommand ${JSON.stringify(name)}; ${USAGE}`);
    return 2;
  }
  return (await load())(args, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.message.replace(/\n/g, " ") : String(e)}\n`);
    process.exitCode = 1;
  },
);
