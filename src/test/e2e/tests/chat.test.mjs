import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ParleyServer, SCREENSHOTS, messageTexts, person, png, send, signUp, unique, until } from './support.mjs';

const server = new ParleyServer();
const people = [];
let ann; let bob; let cat;
const names = { ann: unique('ann'), bob: unique('bob'), cat: unique('cat') };

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await server.start();
  for (const key of ['ann', 'bob', 'cat']) people.push(await person());
  [ann, bob, cat] = people.map((p) => p.page);
  await signUp(ann, server.url, names.ann, 'Ann');
  await signUp(bob, server.url, names.bob, 'Bob');
  await signUp(cat, server.url, names.cat, 'Cat');
});

after(async () => {
  for (const p of people) await p.context.close();
  await server.stop();
});

const chatButton = (page, name) => page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: new RegExp(`^${name}`) });

test('two people start a direct chat and talk live, with unread badges, typing and seen markers', async () => {
  await ann.getByLabel('Chat with (username)').fill(names.bob);
  await ann.getByRole('button', { name: 'Start chat' }).click();
  await ann.getByRole('heading', { name: 'Bob' }).waitFor();

  await send(ann, 'Hello Bob');
  await until(async () => (await messageTexts(ann)).includes('Hello Bob') && await ann.getByText('Sending…').count() === 0,
    'Ann\'s message confirmed');
  // Bob is not in the chat yet: the list shows it with an unread badge and a presence dot.
  await until(async () => (await chatButton(bob, 'Ann').getAttribute('aria-label'))?.includes('1 unread'), 'unread badge');
  assert.match(await chatButton(bob, 'Ann').getAttribute('aria-label'), /online/);

  await chatButton(bob, 'Ann').click();
  await until(async () => (await messageTexts(bob)).includes('Hello Bob'), 'Bob sees the message');
  await until(async () => await ann.getByText('Seen').count() === 1, 'Ann sees that Bob has read it');
  await until(async () => !(await chatButton(bob, 'Ann').getAttribute('aria-label')).includes('unread'), 'badge cleared');

  await bob.getByLabel('Message', { exact: true }).pressSequentially('Hi');
  await until(async () => (await ann.locator('#typing').textContent()).includes('Bob typing'), 'typing indicator');
  await bob.getByLabel('Message', { exact: true }).fill('안녕하세요 Ann 👋🎉');
  await bob.keyboard.press('Enter');
  await until(async () => (await messageTexts(ann)).includes('안녕하세요 Ann 👋🎉'), 'Korean and emoji arrive');
  assert.deepEqual((await messageTexts(ann)).filter((t) => t === 'Hello Bob'), ['Hello Bob'], 'no duplicates');
  await ann.screenshot({ path: join(SCREENSHOTS, 'desktop-direct-chat.png') });
  await bob.screenshot({ path: join(SCREENSHOTS, 'desktop-bob.png') });
});

test('a third person is added to a group, and members leave', async () => {
  await ann.getByLabel('New group name').fill('Trio');
  await ann.getByLabel('Members (usernames, comma separated)').fill(names.bob);
  await ann.getByRole('button', { name: 'Create group' }).click();
  await ann.getByRole('heading', { name: 'Trio' }).waitFor();
  await ann.getByText('Members', { exact: true }).click();
  await ann.getByLabel('Add member (username)').fill(names.cat);
  await ann.getByRole('button', { name: 'Add', exact: true }).click();
  await chatButton(cat, 'Trio').waitFor();

  await send(ann, 'Welcome to Trio');
  await chatButton(cat, 'Trio').click();
  await until(async () => (await messageTexts(cat)).includes('Welcome to Trio'), 'Cat sees the group message');
  await chatButton(bob, 'Trio').click();
  await until(async () => (await messageTexts(bob)).includes('Welcome to Trio'), 'Bob sees the group message');

  await cat.getByText('Members', { exact: true }).click();
  await cat.getByRole('button', { name: 'Leave group' }).click();
  await until(async () => await chatButton(cat, 'Trio').count() === 0, 'Trio gone from Cat\'s list');
  await ann.getByRole('button', { name: `Remove Bob` }).click();
  await until(async () => await chatButton(bob, 'Trio').count() === 0, 'Trio gone from Bob\'s list');
});

test('text is shown as text, never as HTML, and a 100,000-character message does not freeze the page', async () => {
  await chatButton(ann, 'Bob').click();
  await chatButton(bob, 'Ann').click();
  const html = '<script>window.pwned = true</script><b>not bold</b>';
  await send(ann, html);
  await until(async () => (await messageTexts(bob)).includes(html), 'the markup arrives as text');
  assert.equal(await bob.evaluate(() => window.pwned), undefined);
  assert.equal(await bob.locator('#messages b').count(), 0);

  const long = '가'.repeat(99_999) + '!';
  await ann.getByLabel('Message', { exact: true }).fill(long);
  await ann.keyboard.press('Enter');
  await until(async () => (await messageTexts(bob)).some((t) => t.length === 100_000), 'the long message arrives');
  const started = Date.now();
  await bob.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.ok(Date.now() - started < 2000, 'the page still renders frames');
});

test('older history loads when scrolling up', async () => {
  for (let i = 1; i <= 60; i++) await send(ann, `numbered ${i}`);
  await until(async () => (await messageTexts(ann)).includes('numbered 60') && await ann.getByText('Sending…').count() === 0,
    'all 60 confirmed (the client retries past the rate limit)', 60_000);
  await bob.reload(); // a fresh page: only the latest page of history is loaded
  await chatButton(bob, 'Ann').click();
  await until(async () => (await messageTexts(bob)).includes('numbered 60'), 'latest history');
  assert.ok(!(await messageTexts(bob)).includes('Hello Bob'), 'older messages not loaded yet');
  await until(async () => {
    await bob.locator('#messages').evaluate((list) => { list.scrollTop = 0; list.dispatchEvent(new Event('scroll')); });
    return (await messageTexts(bob)).includes('Hello Bob');
  }, 'older history after scrolling up');
});

test('the server restarts mid-chat: the page reconnects, resends and loses nothing', async () => {
  await server.stop();
  await ann.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();
  await send(ann, 'sent while the server was down');
  await ann.getByText('Sending…').waitFor();
  await server.start();
  await ann.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 60_000 });
  await until(async () => (await messageTexts(bob)).includes('sent while the server was down'), 'delivered after restart', 60_000);
  await send(bob, 'and back again');
  await until(async () => (await messageTexts(ann)).includes('and back again'), 'live again');
  for (const page of [ann, bob]) {
    const texts = await messageTexts(page);
    assert.equal(texts.filter((t) => t === 'sent while the server was down').length, 1, 'exactly once');
    assert.equal(new Set(texts).size, texts.length, 'no message shown twice');
  }
});

test('a phone-sized screen shows one column', async () => {
  const phone = await person({ viewport: { width: 390, height: 844 } });
  people.push(phone);
  const page = phone.page;
  await signUp(page, server.url, unique('dan'), 'Dan');
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-chats.png') });
  await page.getByLabel('Chat with (username)').fill(names.ann);
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByRole('heading', { name: 'Ann' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Chats' }).isVisible(), false, 'the list gives way');
  await send(page, 'Hi from a phone 📱');
  await until(async () => (await messageTexts(page)).includes('Hi from a phone 📱'), 'sent from the phone');
  const box = await page.getByRole('button', { name: 'Send' }).boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, 'touch-size target');
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-conversation.png') });
  await page.getByRole('button', { name: 'Back to chats' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
});

test('the author edits and deletes a message: the other side sees both live, and after a reload', async () => {
  await chatButton(ann, 'Bob').click();
  await chatButton(bob, 'Ann').click();
  await send(ann, 'see you at 5, tyop');
  await until(async () => (await messageTexts(bob)).includes('see you at 5, tyop'), 'Bob has the message');
  const annMessage = () => ann.locator('#messages .msg').filter({ hasText: 'see you at 5' });
  const bobMessage = () => bob.locator('#messages .msg').filter({ hasText: 'see you at 5' });
  assert.equal(await bobMessage().getByRole('button', { name: /^(Edit|Delete) message/ }).count(), 0,
    'Bob may neither edit nor delete Ann\'s message');

  ann.once('dialog', (dialog) => dialog.accept('see you at 5, typo fixed'));
  await annMessage().getByRole('button', { name: /^Edit message/ }).click();
  await until(async () => (await messageTexts(bob)).includes('see you at 5, typo fixed'), 'the edit reaches Bob live');
  assert.ok(!(await messageTexts(bob)).includes('see you at 5, tyop'), 'the old text is gone');
  await bobMessage().getByText('(edited)').waitFor();

  await bob.reload();
  await chatButton(bob, 'Ann').click();
  await until(async () => (await messageTexts(bob)).includes('see you at 5, typo fixed'), 'the edit after a reload');

  ann.once('dialog', (dialog) => dialog.accept());
  await annMessage().getByRole('button', { name: /^Delete message/ }).click();
  await until(async () => !(await messageTexts(bob)).some((t) => t.startsWith('see you at 5')), 'the deletion reaches Bob live');
  assert.ok((await messageTexts(bob)).includes('Message deleted'), 'a tombstone stays in its place');
  await bob.reload();
  await chatButton(bob, 'Ann').click();
  await until(async () => (await messageTexts(bob)).includes('Message deleted'), 'the tombstone after a reload');
  assert.ok(!(await messageTexts(bob)).some((t) => t.startsWith('see you at 5')), 'the text is gone after a reload too');
  await bob.screenshot({ path: join(SCREENSHOTS, 'desktop-edit-delete.png') });
});

test('reactions show counts on both sides, and a second click takes one back', async () => {
  await chatButton(ann, 'Bob').click();
  await chatButton(bob, 'Ann').click();
  await send(bob, 'react to this one');
  await until(async () => (await messageTexts(ann)).includes('react to this one'), 'Ann has the message');
  const at = (page) => page.locator('#messages .msg').filter({ hasText: 'react to this one' });
  await at(ann).getByRole('button', { name: /^React 👍/ }).click();
  await at(bob).getByRole('button', { name: /^👍 1, react/ }).waitFor();
  await at(bob).getByRole('button', { name: /^👍 1, react/ }).click();
  await at(ann).getByRole('button', { name: /^👍 2, remove your reaction/ }).waitFor();
  assert.equal(await at(ann).getByRole('button', { name: /^👍 2/ }).getAttribute('aria-pressed'), 'true');
  await at(ann).getByRole('button', { name: /^👍 2/ }).click();
  await at(bob).getByRole('button', { name: /^👍 1, remove your reaction/ }).waitFor();
  await bob.reload();
  await chatButton(bob, 'Ann').click();
  await at(bob).getByRole('button', { name: /^👍 1, remove your reaction/ }).waitFor();
  await ann.screenshot({ path: join(SCREENSHOTS, 'desktop-reactions.png') });
});

test('a reply quotes its original, and the quote jumps to it, loading older history', async () => {
  await chatButton(ann, 'Bob').click();
  await bob.reload(); // only the latest page is loaded: the chat's first message is not
  await chatButton(bob, 'Ann').click();
  await until(async () => (await messageTexts(bob)).length > 0, 'Bob\'s latest page');
  assert.ok(!(await messageTexts(bob)).includes('Hello Bob'), 'the first message is not loaded yet');

  await ann.getByRole('button', { name: 'Reply to message 1', exact: true }).click();
  await ann.locator('#replying').filter({ hasText: 'Replying to yourself: Hello Bob' }).waitFor();
  await send(ann, 'back to where we started');
  await until(async () => (await messageTexts(bob)).includes('back to where we started'), 'the reply arrives');
  assert.equal(await ann.locator('#replying').isVisible(), false, 'the reply bar closes once sent');
  const quote = bob.locator('#messages .msg').filter({ hasText: 'back to where we started' })
    .getByRole('button', { name: /^Show the message replied to, from Ann/ });
  assert.match(await quote.textContent(), /Ann: Hello Bob/);
  await quote.click();
  await until(async () => (await messageTexts(bob)).includes('Hello Bob'), 'the original is loaded');
  await bob.locator('#messages .msg.highlight').filter({ hasText: 'Hello Bob' }).waitFor();
  const texts = await messageTexts(bob);
  assert.equal(new Set(texts).size, texts.length, 'no message shown twice');
  await bob.screenshot({ path: join(SCREENSHOTS, 'desktop-reply.png') });
});

test('a photo and a file reach the other side, the photo as a thumbnail that opens it, and a deletion takes both away', async () => {
  await chatButton(ann, 'Bob').click();
  await chatButton(bob, 'Ann').click();
  await ann.getByLabel('Message', { exact: true }).fill('holiday pictures');
  await ann.locator('#attach-file').setInputFiles([
    { name: 'sunset.png', mimeType: 'image/png', buffer: png(640, 400) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('bring sunscreen') },
  ]);
  await until(async () => (await messageTexts(bob)).includes('holiday pictures'), 'Bob has the message');
  const at = (page) => page.locator('#messages .msg').filter({ hasText: 'holiday pictures' });
  const thumbnail = at(bob).getByRole('img', { name: 'sunset.png' });
  await until(async () => thumbnail.evaluate((img) => img.complete && img.naturalWidth > 0), 'the thumbnail loads');
  assert.deepEqual(await thumbnail.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [320, 200],
    'a thumbnail of 320 px, not the 640 px original');
  await at(bob).getByRole('button', { name: /^Open notes\.txt \(15 B\)/ }).waitFor();
  assert.equal(await ann.locator('#uploading').textContent(), '', 'the upload status clears');

  const [opened] = await Promise.all([bob.waitForEvent('popup'),
    at(bob).getByRole('button', { name: /^Open image sunset\.png/ }).click()]);
  await opened.waitForLoadState();
  assert.match(opened.url(), /\/api\/v1\/media-objects\/media\//, 'the original, from its signed URL');
  await opened.close();
  await bob.screenshot({ path: join(SCREENSHOTS, 'desktop-attachments.png') });

  ann.once('dialog', (dialog) => dialog.accept());
  await at(ann).getByRole('button', { name: /^Delete message/ }).click();
  await until(async () => !(await messageTexts(bob)).includes('holiday pictures'), 'the deletion reaches Bob');
  assert.equal(await bob.locator('#messages img[alt="sunset.png"]').count(), 0, 'the thumbnail is gone');
});
