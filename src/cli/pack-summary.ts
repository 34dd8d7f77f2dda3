/**
 * What the game's menu shows of a pack (its index alone), from the data
 * cache while the index is unchanged: parsing it is the first YAML a run
 * parses, and so the slowest (some 6 ms, before the first frame).
 */
import { resolve } from 'node:path';
import { loadPackSummary, type PackSummary } from '../game/pack-index.js';
import { readCached, writeCached } from './data-cache.js';

export function packSummary(folder: string): PackSummary | undefined {
  const dir = resolve(folder);
  const cached = readCached<PackSummary>(dir, 'pack-summary');
  if (cached) return cached;
  const readAt = Date.now();
  const summary = loadPackSummary(folder);
  if (summary) writeCached(dir, 'pack-summary', ['index.yaml', 'pack.yaml'], summary, readAt);
  return summary;
}
