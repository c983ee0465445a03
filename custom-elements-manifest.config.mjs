// `npm run manifest`: custom-elements.json from the elements' JSDoc (CI checks it is current).
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // the analyzer also lists `dispatchEvent(new XEvent())` calls without a name; the JSDoc
      // @fires entries carry the names, so keep only named events
      name: 'vard-stable-named-events',
      packageLinkPhase({ customElementsManifest }) {
        // a stable order whatever order the files are read in, so CI's "is it current" diff is exact
        customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((e) => e.name);
          }
        }
      },
    },
  ],
};
