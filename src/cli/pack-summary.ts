/**
 * What the game's menu shows of a pack (its index alone), from the data
 * cache while the index is unchanged: parsing it is the first YAML a run
 * parses, and so the slowest (some 6 ms, before the first frame), and the
 * YAML parser takes as long again to load.
 */
import { resolve } from 'node:path';
import type { PackSummary } from '../game/index.js';
import { readCached, writeCached } from './data-cache.js';

export async function packSummary(folder: string): Promise<PackSummary | undefined> {
  const dir = resolve(folder);
  const cached = readCached<PackSummary>(dir, 'pack-summary');
  if (cached) return cached;
  const readAt = Date.now();
  // Only now the YAML parser: a cached summary needs none.
  const { loadPackSummary } = await import('../game/pack-index.js');
  const summary = loadPackSummary(folder);
  if (summary) writeCached(dir, 'pack-summary', ['index.yaml', 'pack.yaml'], summary, readAt);
  return summary;
}
