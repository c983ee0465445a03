// Shared steps for scenarios on the reference server: the widget's own BFF login with the
// pretend e-ID, and the clinician console's API as a logged-in nurse.
import assert from 'node:assert/strict';

/** The patient page, "Chatta med oss", "Logga in med BankID", the test person, and back logged in. */
export async function loginWithWidget(page, url, person = 'Astrid Andersson') {
  await page.goto(`${url}/demo/http.html`);
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await page.getByRole('button', { name: 'Logga in med BankID' }).click();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Legitimera' }).click();
  await page.getByText(`Inloggad som ${person}`).waitFor({ timeout: 10000 });
  assert.equal(page.url(), `${url}/demo/http.html`, 'back on the same page, nothing added to the address');
}

/**
 * The clinician console's API as a logged-in nurse (a bearer token, so the patient's browser
 * holds no staff cookie): `api(path, body)` POSTs and `api.get(path)` GETs; each returns the JSON answer.
 */
export async function consoleClient(url, name = 'Sara Sjöberg') {
  const post = async (path, body, token) => {
    const res = await fetch(`${url}/console/api${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body ?? {}),
    });
    assert.ok(res.ok, `console ${path}: ${res.status}`);
    return res.json();
  };
  const { token } = await post('/login', { name, queue: 'nurse' });
  const api = (path, body) => post(path, body, token);
  /** GETs a console route and returns the JSON answer. */
  api.get = async (path) => {
    const res = await fetch(`${url}/console/api${path}`, { headers: { authorization: `Bearer ${token}` } });
    assert.ok(res.ok, `console ${path}: ${res.status}`);
    return res.json();
  };
  return api;
}

/**
 * A handover to a named colleague moves the conversation out of the first clinician's reach
 * (their queues, or assigned to them): the colleague logs in to the console (development login,
 * as `name` in `queue`, the queue's Swedish label) and opens the patient's conversation.
 */
export async function continueAs(clinic, name, queue, patient = 'Astrid Andersson') {
  await clinic.getByRole('button', { name: 'Logga ut' }).click();
  await clinic.getByLabel('Namn').fill(name);
  await clinic.getByLabel('Kö', { exact: true }).selectOption({ label: queue });
  await clinic.getByRole('button', { name: 'Logga in' }).click();
  await clinic.getByText(`Inloggad som ${name}`).waitFor({ timeout: 10000 });
  await clinic.getByRole('button', { name: new RegExp(patient) }).first().click();
  await clinic.getByLabel('Svar').waitFor({ timeout: 10000 });
}
