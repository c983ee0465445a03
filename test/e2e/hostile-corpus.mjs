// At least 200 hostile strings. Each one that could ever execute calls the canary
// `__xss(n)`, so an execution anywhere on the page is detected and traced to its payload.
export function hostileCorpus() {
  const out = [];
  const call = (n) => `__xss(${n})`;
  const vectors = [
    (c) => `<script>${c}</script>`,
    (c) => `<img src=x onerror="${c}">`,
    (c) => `<svg onload="${c}"></svg>`,
    (c) => `<svg><script>${c}</script></svg>`,
    (c) => `<iframe srcdoc="<script>parent.${c}</script>"></iframe>`,
    (c) => `<a href="javascript:${c}">klicka här</a>`,
    (c) => `javascript:${c}`,
    (c) => `JaVaScRiPt:${c}`,
    (c) => `data:text/html,<script>${c}</script>`,
    (c) => `<body onload="${c}">`,
    (c) => `<details open ontoggle="${c}">`,
    (c) => `<input autofocus onfocus="${c}">`,
    (c) => `<video><source onerror="${c}"></video>`,
    (c) => `<math><mtext><table><mglyph><style><img src=x onerror="${c}">`, // mutation XSS
    (c) => `<noscript><p title="</noscript><img src=x onerror=${c}>">`, // mutation XSS
    (c) => `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=${c} src>">`,
    (c) => `"><img src=x onerror=${c}>`,
    (c) => `'><svg onload=${c}>`,
    (c) => `\${${c}}`,
    (c) => `{{constructor.constructor('${c}')()}}`,
    (c) => `<style>@import 'javascript:${c}';</style>`,
    (c) => `<object data="javascript:${c}"></object>`,
    (c) => `<embed src="javascript:${c}">`,
    (c) => `<marquee onstart="${c}">`,
    (c) => `<x onclick="${c}" style="display:block;position:fixed;inset:0">`,
  ];
  const wrappers = [
    (s) => s,
    (s) => `Hej!\n${s}`,
    (s) => `\u202E${s}\u202C`, // right-to-left override (bidi trick)
    (s) => `${s}\u0000tail`, // null byte
    (s) => `\uFEFF\u200B${s}`, // zero-width characters
    (s) => `${'A'.repeat(3000)}${s}`, // very long
    (s) => `https://klinik.example.se/${encodeURIComponent(s)}`,
    (s) => s.toUpperCase().replace(/__XSS/g, '__xss'),
  ];
  let n = 0;
  for (const w of wrappers) for (const v of vectors) out.push({ id: n, text: w(v(call(n))) }), n++;
  return out; // 8 × 25 = 200
}

/**
 * Elements a payload could have planted inside <vard-chat>'s shadow trees (none of the
 * widget's own is one of these); returns their tag names.
 */
export function foreignElements(page) {
  return page.evaluate(() => {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('script, img, svg, iframe, object, embed, video, math, style:not([data-lit]), marquee, details, x, body, noscript, a[href^="javascript" i]')) found.push(el.tagName);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document.querySelector('vard-chat').shadowRoot);
    return found;
  });
}
