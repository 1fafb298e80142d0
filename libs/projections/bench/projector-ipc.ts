/** The messages between the projections benchmark and its projector process (apps/projector/bench/projector-process.ts). */
export type ProjectorRequest = { type: 'rebuild'; projection: string } | { type: 'memory' } | { type: 'stop' };
export type ProjectorReply =
  | { type: 'ready' }
  | { type: 'rebuilt'; seconds: number; position: number }
  | { type: 'memory'; rssMb: number; peakRssMb: number; peakHeapUsedMb: number }
  | { type: 'failed'; error: string };
