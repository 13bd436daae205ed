// Issue 12 in the browser: log-out ends the session everywhere, a session ended elsewhere (close 4001) brings the
// page back to log-in, and blocking closes a direct chat with a clear error for the blocked side.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ParleyServer, messageTexts, person, send, signUp, unique, until } from './support.mjs';

const server = new ParleyServer();
const people = [];
const names = { ann: unique('ann'), eve: unique('eve') };
let ann; let eve;

before(async () => {
  await server.start();
  for (let i = 0; i < 2; i++) people.push(await person());
  [ann, eve] = people.map((p) => p.page);
  await signUp(ann, server.url, names.ann, 'Ann');
  await signUp(eve, server.url, names.eve, 'Eve');
});

after(async () => {
  for (const p of people) await p.context.close();
  await server.stop();
});

const tokenOf = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('parley.session')).token);
const statusWith = (page, token) => page.evaluate(async (t) => (await fetch('/api/v1/channels',
  { headers: { Authorization: `Bearer ${t}` } })).status, token);

async function logIn(page, username) {
  await page.goto(server.url);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill('correct horse');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
}

test('logging out ends that session on the server; the same user on another browser stays in', async () => {
  const laptop = await person();
  people.push(laptop);
  await logIn(laptop.page, names.ann);
  const phoneToken = await tokenOf(ann);
  const laptopToken = await tokenOf(laptop.page);

  await ann.getByRole('button', { name: 'Log out' }).click();
  await ann.getByRole('button', { name: 'Log in' }).waitFor();
  assert.equal(await statusWith(ann, phoneToken), 401, 'the logged-out token is refused');
  assert.equal(await statusWith(ann, laptopToken), 200, 'the other session is not');
  await laptop.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

  // The laptop's session ends elsewhere (as when it expires): its socket closes with 4001 and the page goes back
  // to log-in instead of reconnecting forever.
  await ann.evaluate(async (t) => fetch('/api/v1/sessions/current', { method: 'DELETE', headers: { Authorization: `Bearer ${t}` } }),
    laptopToken);
  await laptop.page.getByRole('button', { name: 'Log in' }).waitFor();
  assert.equal(await laptop.page.getByRole('button', { name: 'Log out' }).isVisible(), false);

  await logIn(ann, names.ann);
});

test('a block closes the direct chat: the blocked user is told, and unblocking opens it again', async () => {
  await eve.getByLabel('Chat with (username)').fill(names.ann);
  await eve.getByRole('button', { name: 'Start chat' }).click();
  await eve.getByRole('heading', { name: 'Ann' }).waitFor();
  await send(eve, 'hello before');
  const annChat = ann.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: /^Eve/ });
  await annChat.click();
  await until(async () => (await messageTexts(ann)).includes('hello before'), 'Ann gets Eve\'s message');

  await ann.getByRole('button', { name: 'Block Eve', exact: true }).click();
  await ann.getByRole('button', { name: 'Unblock Eve', exact: true }).waitFor();
  await send(eve, 'after the block');
  await until(async () => (await eve.locator('#conversation-error').textContent()).includes('blocked'),
    'Eve is told the chat is closed');
  assert.ok(!(await messageTexts(ann)).includes('after the block'), 'nothing reached Ann');

  // Eve cannot start another chat with Ann either.
  await eve.getByLabel('Chat with (username)').fill(names.ann);
  await eve.getByRole('button', { name: 'Start chat' }).click();
  await until(async () => (await eve.locator('#side-error').textContent()).length > 0, 'Eve is refused a new chat');

  await ann.getByRole('button', { name: 'Unblock Eve', exact: true }).click();
  await ann.getByRole('button', { name: 'Block Eve', exact: true }).waitFor();
  await send(eve, 'after the unblock');
  await until(async () => (await messageTexts(ann)).includes('after the unblock'), 'Ann gets Eve\'s message again');
});
