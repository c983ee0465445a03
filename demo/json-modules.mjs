// A dev-server plugin (web-test-runner, the demo server, the e2e harness): a `.json` file
// imported from a module is served as a JS module (`export default …`), as rollup's
// @rollup/plugin-json bundles it; the same file fetched with fetch() stays plain JSON.
// The import is rewritten to `x.json?module`, so the two never share a cached response.
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

export function jsonModules(rootDir) {
  return {
    name: 'json-modules',
    transformImport({ source }) {
      if (/\.json$/.test(source) && !/^[a-z]+:/i.test(source)) return `${source}?module`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.endsWith('.json') || !new URLSearchParams(context.querystring).has('module')) return undefined;
      const file = normalize(join(rootDir, decodeURIComponent(context.path)));
      if (!file.startsWith(normalize(rootDir))) return undefined;
      const json = JSON.parse(await readFile(file, 'utf8'));
      return { body: `export default ${JSON.stringify(json)};\n`, type: 'js' };
    },
  };
}
