import type { KeyObject } from 'node:crypto';

export type CachedKey = KeyObject | 'erased';

/**
 * Unwrapped keys of this process, each kept at most `ttlMs`. Evictions bump a generation: a
 * lookup that started before an eviction does not cache what it read, since it may be the key
 * the eviction was about.
 */
export class KeyCache {
  private readonly entries = new Map<string, { value: CachedKey; expiresAt: number }>();
  private currentGeneration = 0;
  private enabled = false;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The cache is only trusted while shred notifications can reach it. Either way it starts
   * empty, and lookups begun before the switch do not fill it (a shred may have gone unheard).
   */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled && this.ttlMs > 0;
    this.clear();
  }

  get(subjectId: string): CachedKey | undefined {
    const entry = this.entries.get(subjectId);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(subjectId);
      return undefined;
    }
    return entry.value;
  }

  set(subjectId: string, value: CachedKey, readAtGeneration: number): void {
    if (!this.enabled || readAtGeneration !== this.currentGeneration) return;
    this.entries.delete(subjectId);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(subjectId, { value, expiresAt: this.now() + this.ttlMs });
  }

  evict(subjectId: string): void {
    this.currentGeneration++;
    this.entries.delete(subjectId);
  }

  clear(): void {
    this.currentGeneration++;
    this.entries.clear();
  }
}
