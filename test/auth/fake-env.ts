/** A fake address bar for strategy tests: assign() records the navigation instead of leaving. */
export function fakeEnv(href: string) {
  const navigations: string[] = [];
  let current = new URL(href);
  const location = {
    get href() { return current.href; },
    get origin() { return current.origin; },
    get pathname() { return current.pathname; },
    assign: (url: string) => void navigations.push(url),
  } as unknown as Location;
  const history = {
    state: null,
    replaceState: (_s: unknown, _t: string, url: string) => void (current = new URL(url, current)),
  } as unknown as History;
  return { location, history, navigations, go: (url: string) => void (current = new URL(url, current)) };
}
