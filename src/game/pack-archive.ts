/**
 * A pack read from an archive (a `.tgz` handed out by a teacher) as a
 * `PackSource`: the files are already in memory, keyed by their path inside
 * the pack (`index.yaml`, `01-shop/open-the-shop.yaml`). Pure: the CLI
 * unpacks the archive, this only serves its files to `loadPackFrom`.
 */
import { MAX_LEVEL_FILE_BYTES, type PackSource } from './pack-index.js';

/** `dir` names the pack in messages (the archive's path); `files` maps paths inside the pack to their bytes. */
export function archivePackSource(dir: string, files: ReadonlyMap<string, Uint8Array>): PackSource {
  const decoder = new TextDecoder('utf-8');
  return {
    dir,
    read(name) {
      const data = files.get(name);
      if (data === undefined) {
        const prefix = `${name}/`;
        for (const key of files.keys()) if (key.startsWith(prefix)) return { refused: 'not-a-file' };
        return undefined;
      }
      if (data.byteLength > MAX_LEVEL_FILE_BYTES) return { refused: 'too-large', size: data.byteLength };
      return { text: decoder.decode(data) };
    },
  };
}
