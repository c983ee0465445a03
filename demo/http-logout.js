// The demo page's "Logga ut" link for testers: logout is POST only (a GET could be triggered by any
// page that links or embeds the address), so the link posts and then reloads the page.
document.getElementById('demo-logout')?.addEventListener('click', async (e) => {
  e.preventDefault();
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
  location.reload();
});
