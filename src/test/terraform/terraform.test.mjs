// Parses every .tf file of terraform/ offline (no terraform binary can be had here) and checks it against what the
// application expects: table names and keys, variables typed and described, outputs named after config keys.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from '@cdktf/hcl2json';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const TERRAFORM = join(ROOT, 'terraform');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const config = readFileSync(join(ROOT, 'src/main/java/dev/parley/config/ParleyConfig.java'), 'utf8');
const store = readFileSync(join(ROOT, 'src/main/java/dev/parley/message/DynamoMessageStore.java'), 'utf8');

function tfFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tfFiles(path);
    return name.endsWith('.tf') ? [path] : [];
  });
}

async function load(path) {
  return parse(path, readFileSync(path, 'utf8'));
}

const root = {};
for (const name of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) {
  const parsed = await load(join(TERRAFORM, name));
  for (const [block, body] of Object.entries(parsed)) root[block] = { ...root[block], ...body };
}
const table = (name) => root.resource.aws_dynamodb_table[name][0];
const appDefault = (method) => config.match(new RegExp(`@WithDefault\\("([^"]+)"\\)\\s+String ${method}\\(`))[1];

test('every .tf file parses, the module files and an example are there', async () => {
  const files = tfFiles(TERRAFORM);
  assert.ok(files.some((f) => f.includes(join('examples', 'complete'))), 'examples/complete');
  for (const file of files) await load(file);
  assert.ok(readFileSync(join(TERRAFORM, 'README.md'), 'utf8').includes('## Inputs'));
  assert.ok(readFileSync(join(TERRAFORM, 'README.md'), 'utf8').includes('## Outputs'));
});

test('every variable is typed and described', () => {
  for (const [name, [variable]] of Object.entries(root.variable)) {
    assert.ok(variable.type, `variable ${name} has a type`);
    assert.ok(variable.description?.length > 10, `variable ${name} has a description`);
  }
});

test('the DynamoDB tables are the ones the application reads and writes', () => {
  const defaultName = root.variable.name[0].default;
  const locals = Object.assign({}, ...Object.values(root.locals)); // hcl2json gives locals as a list of blocks
  const resolveName = (expression) => expression
    .replace(/\$\{local\.(\w+)\}/g, (_, key) => locals[key]).replaceAll('${var.name}', defaultName);
  const messages = table('messages');
  assert.equal(resolveName(messages.name), appDefault('messagesTable'));
  assert.equal(messages.hash_key, 'channel_id');
  assert.equal(messages.range_key, 'seq');
  assert.deepEqual(messages.attribute.map((a) => `${a.name}:${a.type}`).sort(), ['channel_id:S', 'seq:N']);
  assert.equal(messages.billing_mode, 'PAY_PER_REQUEST');
  assert.equal(messages.point_in_time_recovery[0].enabled, true);
  assert.equal(messages.server_side_encryption[0].enabled, true);
  const clientIds = table('client_ids');
  assert.equal(resolveName(clientIds.name), appDefault('clientIdsTable'));
  assert.equal(clientIds.hash_key, 'key');
  for (const key of ['"channel_id"', '"seq"', '"key"']) assert.ok(store.includes(key), `the store uses ${key}`);
});

test('outputs map onto configuration keys documented in the README', () => {
  const outputs = root.output;
  for (const [name, [output]] of Object.entries(outputs)) {
    assert.ok(output.description, `output ${name} is described`);
  }
  const configMap = outputs.parley_config[0].value;
  for (const key of Object.keys(configMap)) {
    assert.ok(README.includes(key), `${key} (parley_config) is documented in README.md`);
  }
  for (const [name, [output]] of Object.entries(outputs)) {
    const env = output.description.match(/^([A-Z][A-Z0-9_]+)/)?.[1];
    if (env && env !== 'QUARKUS_DATASOURCE_USERNAME') assert.ok(README.includes(env), `${env} (output ${name}) in README.md`);
  }
});

test('the pods\' IAM role may use only these tables and these platform applications', () => {
  const statements = root.data.aws_iam_policy_document.parley[0].statement;
  for (const statement of statements) {
    for (const resource of statement.resources) assert.notEqual(resource, '*', `${statement.sid} names its resources`);
  }
  const history = statements.find((s) => s.sid === 'History');
  assert.deepEqual(history.resources.sort(), ['${aws_dynamodb_table.client_ids.arn}', '${aws_dynamodb_table.messages.arn}']);
  assert.ok(!history.actions.some((a) => a.includes('Delete') || a.includes('Scan')), 'no deletes or scans of history');
});
