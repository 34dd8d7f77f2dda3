// What `import.meta.url` stands for in the CommonJS bundle (scripts/build.mjs): the bundle's own URL.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
