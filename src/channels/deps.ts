// What the channels need beyond the bot's own dependencies: where a message lands when the database
// cannot take it, the ack path's batched writer, and the worker that processes stored messages.
import type { BotDeps } from "../bot/context.js";
import type { Journal } from "../infra/journal.js";
import type { InboundWriter } from "../services/inbound/create-inbound-writer.js";

export type InboundWorker = {
  /** Something was stored: look for work now rather than at the next poll. */
  kick(): void;
  /** Messages this instance is processing now. */
  inFlight(): number;
  /** Messages waiting and how long the oldest has waited, for /metrics. */
  depth(): Promise<{ waiting: number; oldestMs: number }>;
  /** Finishes what is in flight, waiting at most `graceMs` (what is left is taken again later). */
  stop(graceMs?: number): Promise<void>;
};

export type ChannelDeps = BotDeps & {
  /** Where a message lands when the database cannot take it (the server's; absent in the CLI). */
  journal?: Journal;
  /** The ack path's batched writer (the server's); without it, messages are stored one by one. */
  writer?: InboundWriter;
  /** Takes stored messages from the table and processes them, bounded (the server's). */
  worker?: InboundWorker;
};
