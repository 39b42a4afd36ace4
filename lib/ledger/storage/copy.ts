import type { Client, Connection, Submittable } from "pg";
import type { Executor } from "../db";
import { rawClient, type Raw } from "./raw";

// COPY in text format, on either driver: the fastest way in and out of PostgreSQL
// for millions of rows (a full run reads 1M distributors, 3M orders and ~13M
// ledger lines). node-postgres speaks the COPY sub-protocol only through a
// "submittable" (what pg-copy-streams is); the two small ones here are enough.
// PGlite copies through a blob. COPY takes no bind parameters: callers inline
// only numbers they have checked.

interface CopyConnection extends Connection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/** A COPY statement run through node-postgres, calling back when the server is ready again. */
abstract class CopySubmittable implements Submittable {
  protected error: Error | null = null;
  rowCount = 0;
  readonly done: Promise<number>;
  private settle!: (error: Error | null) => void;

  constructor(private readonly text: string) {
    this.done = new Promise((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve(this.rowCount));
    });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }
  handleCommandComplete(msg: { text?: string }): void {
    const n = /(\d+)$/.exec(msg.text ?? "");
    this.rowCount = n ? Number(n[1]) : 0;
  }
  handleReadyForQuery(): void {
    this.settle(this.error);
  }
  // The client drops its active query on an error, so no readyForQuery follows.
  handleError(error: Error): void {
    this.error ??= error;
    this.settle(this.error);
  }
  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(connection: Connection): void {
    (connection as CopyConnection).sendCopyFail("not a COPY FROM");
  }
}

class CopyOut extends CopySubmittable {
  constructor(
    text: string,
    private readonly onChunk: (chunk: Buffer) => void,
  ) {
    super(text);
  }
  handleCopyData(msg: { chunk: Buffer }): void {
    if (this.error) return;
    try {
      this.onChunk(msg.chunk);
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(String(error));
    }
  }
}

class CopyIn extends CopySubmittable {
  constructor(
    text: string,
    private readonly chunks: Iterable<Buffer>,
  ) {
    super(text);
  }
  override handleCopyInResponse(connection: Connection): void {
    void this.pump(connection as CopyConnection);
  }
  private async pump(connection: CopyConnection): Promise<void> {
    try {
      for (const chunk of this.chunks) {
        if (this.error) return;
        connection.sendCopyFromChunk(chunk);
        // Back-pressure: let the socket drain rather than buffer the whole ledger.
        if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once("drain", r));
      }
      connection.endCopyFrom();
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(String(error));
      connection.sendCopyFail(this.error.message);
    }
  }
}

async function onPg<T>(raw: Extract<Raw, { kind: "pool" | "client" }>, run: (client: Client) => Promise<T>): Promise<T> {
  if (raw.kind === "client") return run(raw.client);
  const client = await raw.pool.connect();
  try {
    return await run(client);
  } finally {
    client.release();
  }
}

/** Runs `COPY (select) TO STDOUT` (text format) and hands every chunk of output to onChunk, in order. */
export async function copyOut(db: Executor, select: string, onChunk: (chunk: Buffer) => void): Promise<void> {
  const raw = rawClient(db);
  if (raw.kind === "pglite") {
    const result = await raw.client.query(`COPY (${select}) TO '/dev/blob'`);
    if (result.blob) onChunk(Buffer.from(await result.blob.arrayBuffer()));
    return;
  }
  await onPg(raw, (client) => client.query(new CopyOut(`COPY (${select}) TO STDOUT`, onChunk)).done);
}

/** Runs `COPY target FROM STDIN` (text format) with the given chunks of rows; returns the rows copied. */
export async function copyIn(db: Executor, target: string, chunks: Iterable<Buffer>): Promise<number> {
  const raw = rawClient(db);
  if (raw.kind === "pglite") {
    // PGlite reads the whole blob at once: chunks are joined per call, so callers pass bounded batches.
    const result = await raw.client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob(Array.from(chunks, (c) => new Uint8Array(c))) });
    return result.affectedRows ?? 0;
  }
  return onPg(raw, (client) => client.query(new CopyIn(`COPY ${target} FROM STDIN`, chunks)).done);
}
