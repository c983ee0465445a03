// Accessibility beyond axe, each on the demo page after the pretend e-ID login and the triage,
// in a live chat: forced colours (Windows high contrast), reflow at 320 CSS px (200 % zoom of a
// 640 px window), WCAG 1.4.12 text spacing, reduced motion, and live-region announcements.
import assert from 'node:assert/strict';
import { loginWithPretendEid, passTriage } from './journey.mjs';

/** In the page: every element of the widget, through its shadow roots. */
const DEEP = `(() => {
  const all = [];
  const walk = (root) => { for (const el of root.querySelectorAll('*')) { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); } };
  const host = document.querySelector('vard-chat');
  all.push(host); walk(host.shadowRoot);
  return all;
})()`;

async function liveChat(page, origin, text = 'Jag har ont i halsen.') {
  await page.goto(`${origin}/demo/`);
  await page.evaluate(async () => { await window.demoBackend.reset(); });
  await page.reload();
  await page.evaluate(() => { window.demoBackend.autoReply = false; });
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await loginWithPretendEid(page);
  await page.evaluate(() => { window.demoBackend.autoReply = false; });
  await passTriage(page);
  const composer = page.getByRole('textbox', { name: 'Meddelande' });
  await composer.fill(text);
  await composer.press('Enter');
  await page.getByRole('log').getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 10000 });
  await page.evaluate(() => window.demoBackend.clinicianSend('Hej! Berätta gärna mer om hur det känns när du sväljer.'));
  await page.getByRole('log').getByText('Berätta gärna mer', { exact: false }).waitFor();
  return composer;
}

/** The focused element, through shadow roots: its outline and border as computed. */
const focusStyle = (page) => page.evaluate(() => {
  let a = document.activeElement;
  const inWidget = a?.tagName === 'VARD-CHAT';
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  const s = getComputedStyle(a);
  return { inWidget, tag: a.tagName, name: a.getAttribute('aria-label') ?? a.textContent?.trim().slice(0, 30), outlineStyle: s.outlineStyle,
    outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor, borderStyle: s.borderTopStyle, borderWidth: parseFloat(s.borderTopWidth) };
});

export const a11yMoreScenarios = {
  async 'a11y: forced colours keep every control bordered and the keyboard focus visible'({ page, origin }) {
    await page.emulateMedia({ forcedColors: 'active' });
    const composer = await liveChat(page, origin);
    // the focus ring on the composer and on each button reached by Tab
    await page.getByRole('button', { name: 'Stäng chatten' }).focus();
    const seen = [];
    for (let i = 0; i < 8; i++) {
      const f = await focusStyle(page);
      seen.push(f);
      await page.keyboard.press('Tab');
    }
    for (const f of seen.filter((x) => x.inWidget).filter((x) => x.tag === 'BUTTON' || x.tag === 'TEXTAREA' || x.tag === 'INPUT')) {
      assert.ok(f.outlineStyle !== 'none' && f.outlineWidth >= 2, `focus visible on ${f.tag} "${f.name}": ${JSON.stringify(f)}`);
    }
    assert.ok(seen.some((f) => f.inWidget && f.tag === 'BUTTON'), `Tab reached the widget's buttons: ${seen.map((f) => f.tag)}`);
    // every control has a visible boundary (forced colours drop backgrounds: a border must remain)
    const unbordered = await page.evaluate(`${DEEP}.filter((el) => (el.matches('button, textarea, input:not([type=radio]):not([type=checkbox]), select')) && el.getClientRects().length
      && !el.closest('.visually-hidden') && getComputedStyle(el).borderTopStyle === 'none').map((el) => el.tagName + ' ' + (el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 30)))`);
    assert.deepEqual(unbordered, [], 'controls without a border in forced colours');
  },

  async 'a11y: 320 CSS px (200 % zoom) reflows without horizontal scrolling in the panel or the page'({ page, origin }) {
    await page.setViewportSize({ width: 320, height: 640 });
    await liveChat(page, origin, 'Ettmycketlångtordutanmellanslagsomintefårtvingafönstretattrullaisidled '.repeat(2));
    const wide = await page.evaluate(`${DEEP}.filter((el) => el.getClientRects().length && el.scrollWidth > el.clientWidth + 1
      && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)).map((el) => el.tagName + '.' + el.className + ' ' + el.scrollWidth + '>' + el.clientWidth)`);
    assert.deepEqual(wide, [], 'no horizontal scrolling inside the panel');
    const box = await page.getByRole('dialog').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `the panel fits: ${JSON.stringify(box)}`);
  },

  async 'a11y: WCAG 1.4.12 text spacing clips no text in bubbles or buttons'({ page, origin }) {
    await liveChat(page, origin);
    // the text-spacing bookmarklet's rules, put into the page and every shadow root
    const clipped = await page.evaluate(`(async () => {
      const css = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
      const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      for (const el of ${DEEP}) if (el.shadowRoot) el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, sheet];
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return ${DEEP}.filter((el) => el.getClientRects().length && !el.closest('.visually-hidden')
        && (el.matches('button, .bubble, .msg, .msg p, label') )
        && (el.scrollWidth > el.clientWidth + 1 || (getComputedStyle(el).overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1)))
        .map((el) => el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' + el.scrollWidth + '/' + el.clientWidth + ' ' + el.scrollHeight + '/' + el.clientHeight);
    })()`);
    assert.deepEqual(clipped, [], 'text clipped with WCAG 1.4.12 spacing');
  },

  async 'a11y: prefers-reduced-motion leaves no animation or transition longer than 0.01 s'({ page, origin }) {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await liveChat(page, origin);
    await page.evaluate(() => window.demoBackend.clinicianTyping(true));
    const moving = await page.evaluate(`${DEEP}.flatMap((el) => {
      const s = getComputedStyle(el);
      const secs = (v) => v.split(',').map((x) => x.trim().endsWith('ms') ? parseFloat(x) / 1000 : parseFloat(x));
      const long = [...secs(s.animationDuration).map((d) => ['animation', d]), ...secs(s.transitionDuration).map((d) => ['transition', d])]
        .filter(([kind, d]) => d > 0.01 && !(kind === 'animation' && s.animationName === 'none'));
      return long.map(([kind, d]) => el.tagName + '.' + el.className + ' ' + kind + ' ' + d + 's');
    })`);
    assert.deepEqual(moving, [], 'motion with reduced motion asked for');
  },

  async 'a11y: a new clinician message and status changes are announced in the live regions'({ page, origin }) {
    await liveChat(page, origin);
    // the thread is a polite live log: a new clinician message is added to it
    const log = page.getByRole('log');
    assert.equal(await log.getAttribute('aria-live') ?? 'polite', 'polite');
    const before = await log.textContent();
    await page.evaluate(() => window.demoBackend.clinicianSend('Ett nytt meddelande från vården.'));
    await log.getByText('Ett nytt meddelande från vården.').waitFor();
    assert.ok(!before.includes('Ett nytt meddelande från vården.') && (await log.textContent()).includes('Ett nytt meddelande från vården.'));
    // status changes: queue position, the clinician typing, a handover, each in a status region's text
    const statusText = () => page.evaluate(`${DEEP}.filter((el) => el.getAttribute('role') === 'status' || el.getAttribute('aria-live') === 'polite')
      .map((el) => el.textContent.replace(/\\s+/g, ' ').trim()).join(' | ')`);
    const announced = async (trigger, expected) => {
      await page.evaluate(trigger);
      await page.waitForFunction(`${DEEP}.filter((el) => el.getAttribute('role') === 'status' || el.getAttribute('aria-live') === 'polite' || el.getAttribute('role') === 'log')
        .some((el) => ${expected}.test(el.textContent))`, null, { timeout: 5000 }).catch(async () => {
        throw new Error(`not announced: ${expected}; live regions say: ${await statusText()}`);
      });
    };
    await announced('window.demoBackend.clinicianTyping(true)', /skriver/);
    await announced('window.demoBackend.clinicianTyping(false); window.demoBackend.handOver("doctor")', /läkar/i);
    await announced('window.demoBackend.setQueue(2)', /nummer 2 i kön/);
  },
};
