// Test support: the packaged Parley jar as a child process, headless Debian Chromium per user, and waiting on
// conditions with timeouts (never sleeping and hoping).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

// The tests sign up and log in many users from one address: the per-address budgets are for attackers, not them.
const ONE_ADDRESS_MANY_USERS = {
  PARLEY_LIMITS_SIGNUP_PER_ADDRESS_BURST: '100000',
  PARLEY_LIMITS_LOGIN_PER_ADDRESS_BURST: '100000',
};

const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function until(condition, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function freePort() {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolvePort(port)); });
  });
}

export class ParleyServer {
  async start() {
    this.port ??= await freePort();
    this.managementPort ??= await freePort();
    this.dataDir ??= mkdtempSync(join(tmpdir(), 'parley-e2e-'));
    mkdirSync(join(ROOT, 'target'), { recursive: true });
    const log = openSync(join(ROOT, 'target', 'e2e-server.log'), 'a');
    this.process = spawn('java', ['-Xmx512m', `-Dquarkus.http.port=${this.port}`,
      `-Dquarkus.management.port=${this.managementPort}`, '-jar',
      join(ROOT, 'target', 'quarkus-app', 'quarkus-run.jar')], {
      env: { ...process.env, PARLEY_DATA_DIR: this.dataDir, ...ONE_ADDRESS_MANY_USERS }, stdio: ['ignore', log, log],
    });
    await until(async () => {
      try { return (await fetch(`http://127.0.0.1:${this.managementPort}/q/health/ready`)).ok; } catch { return false; }
    }, 'Parley to be ready', 90_000);
  }

  get url() { return `http://127.0.0.1:${this.port}`; }

  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((r) => this.process.once('exit', r));
    this.process.kill('SIGTERM');
    await exited;
  }
}

/** One person: a fresh browser profile, so each has their own session. */
export async function person(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'parley-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS,
    viewport: options.viewport || { width: 1280, height: 800 },
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (error) => { throw error; });
  return { context, page };
}

export async function signUp(page, url, username, displayName) {
  await page.goto(url);
  await page.getByLabel('New username').fill(username);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('New password').fill('correct horse');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await page.getByRole('button', { name: 'Sign up' }).waitFor({ state: 'hidden' }); // the forms give way to the chats
}

export function messageTexts(page) {
  return page.getByRole('log', { name: 'Messages' }).locator('.text').allTextContents();
}

export async function send(page, text) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.keyboard.press('Enter');
}

export function unique(prefix) {
  return `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A PNG of one colour, made here (zlib and CRC-32 by hand), for upload tests: no image files in the repository. */
export function png(width, height, [r, g, b] = [230, 120, 40]) {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
