/** Finds the first element matching `selector` in `root` or any shadow root below it. */
export function deepQuery<T extends Element = Element>(root: Element | ShadowRoot | Document, selector: string): T | null {
  const scope = root instanceof Element ? root.shadowRoot ?? root : root;
  const hit = scope.querySelector<T>(selector);
  if (hit) return hit;
  for (const el of scope.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const found = deepQuery<T>(el, selector);
      if (found) return found;
    }
  }
  return null;
}

/** Every element matching `selector` in `root` and in all shadow roots below it, in document order. */
export function deepQueryAll<T extends Element = Element>(root: Element | ShadowRoot | Document, selector: string): T[] {
  const scope = root instanceof Element ? root.shadowRoot ?? root : root;
  const out: T[] = [...scope.querySelectorAll<T>(selector)];
  for (const el of scope.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepQueryAll<T>(el, selector));
  return out;
}

/** The text of `root` including the text inside every shadow root below it. */
export function deepText(root: Element | ShadowRoot): string {
  const scope = root instanceof Element ? root.shadowRoot ?? root : root;
  let text = scope.textContent ?? '';
  for (const el of scope.querySelectorAll('*')) if (el.shadowRoot) text += ` ${deepText(el)}`;
  return text;
}
