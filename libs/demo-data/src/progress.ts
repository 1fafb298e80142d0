import type { DemoDataProgress } from './demo-writer.js';

const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line of the progress bar: events written of the target, the rate so far and the time left at that rate. */
export function formatProgress(progress: DemoDataProgress, width = 30): string {
  const fraction = Math.min(1, progress.target > 0 ? progress.events / progress.target : 1);
  const filled = Math.round(fraction * width);
  const rate = progress.elapsedMs > 0 ? progress.events / (progress.elapsedMs / 1000) : 0;
  const eta = rate > 0 ? formatDuration(Math.max(0, progress.target - progress.events) / rate) : '?';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${count(progress.events)}/${count(progress.target)} events  ${count(rate)} events/s  ETA ${eta}`;
}
