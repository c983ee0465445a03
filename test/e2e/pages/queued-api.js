// The documented snippet: a stub that queues calls made before the widget's script has loaded.
window.VardChat = window.VardChat || {
  q: [],
  open() { this.q.push(['open']); },
  close() { this.q.push(['close']); },
  logout() { this.q.push(['logout']); },
  on(name, handler) { const call = ['on', name, handler]; this.q.push(call); return () => { call[0] = 'off'; }; },
};
window.__events = [];
window.VardChat.on('vard-open', () => window.__events.push('open'));
window.VardChat.open();
