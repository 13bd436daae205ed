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

test('attachments: a private, encrypted bucket whose abandoned uploads expire, and pods that may touch only its objects', () => {
  const bucket = root.resource.aws_s3_bucket.media[0];
  assert.ok(bucket.bucket.includes('${var.name}'), 'named after the deployment');
  const block = root.resource.aws_s3_bucket_public_access_block.media[0];
  for (const flag of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
    assert.equal(block[flag], true, flag);
  }
  const sse = root.resource.aws_s3_bucket_server_side_encryption_configuration.media[0];
  assert.ok(sse.rule[0].apply_server_side_encryption_by_default[0].sse_algorithm);
  const [rule] = root.resource.aws_s3_bucket_lifecycle_configuration.media[0].rule;
  assert.equal(rule.filter[0].prefix, 'uploads/', 'only never-completed uploads expire (ObjectStore keys, AttachmentService)');
  assert.equal(rule.expiration[0].days, 1);
  const attachments = readFileSync(join(ROOT, 'src/main/java/dev/parley/media/StoredAttachment.java'), 'utf8');
  assert.ok(attachments.includes('"uploads/" + id') && attachments.includes('"media/" + id'), 'the keys the rule assumes');

  const statements = root.data.aws_iam_policy_document.parley[0].statement;
  const objects = statements.find((s) => s.sid === 'AttachmentObjects');
  assert.deepEqual(objects.resources, ['${aws_s3_bucket.media.arn}/*']);
  assert.deepEqual(objects.actions.sort(), ['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
  assert.deepEqual(statements.find((s) => s.sid === 'AttachmentBucket').resources, ['${aws_s3_bucket.media.arn}']);
  assert.equal(root.output.parley_config[0].value.PARLEY_MEDIA_BUCKET, '${aws_s3_bucket.media.id}');
  assert.equal(appDefault('bucket'), 'parley-media', 'the bucket setting Terraform\'s output overrides');
});

test('the pods may make every DynamoDB call the stores make', () => {
  const sources = ['DynamoMessageStore', 'DynamoChangeStore', 'DynamoChannelAppender', 'DynamoItems', 'DynamoResends']
    .map((name) => readFileSync(join(ROOT, `src/main/java/dev/parley/message/${name}.java`), 'utf8')).join('\n');
  const used = new Set([...sources.matchAll(/\b(\w+)Request\.builder/g)].map((m) => m[1])
    .filter((call) => call !== 'CreateTable' && call !== 'Put' && call !== 'Write')); // tables are Terraform's; Put/Write are parts of a batch
  const allowed = root.data.aws_iam_policy_document.parley[0].statement.find((s) => s.sid === 'History').actions;
  for (const call of used) assert.ok(allowed.includes(`dynamodb:${call}`), `dynamodb:${call} is allowed`);
});
