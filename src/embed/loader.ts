/**
 * dist/vard-chat.js: the classic script a clinic pastes. It finds its own <script> tag and
 * imports the widget's module from beside itself. Loading it twice boots once.
 */
(() => {
  const w = window as unknown as { __vardChatLoader?: boolean };
  if (w.__vardChatLoader) return;
  w.__vardChatLoader = true;
  const script = document.currentScript as HTMLScriptElement | null;
  const url = new URL('./vard-chat/embed.js', script?.src || location.href).href;
  const start = () =>
    import(url).then(
      (m: { boot(s: HTMLScriptElement | null): unknown }) => m.boot(script),
      () => console.error('[vard-chat] the chat could not be loaded'),
    );
  if (document.body) void start();
  else document.addEventListener('DOMContentLoaded', () => void start(), { once: true });
})();
