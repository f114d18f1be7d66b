// A Node.js consumer of perfplane's Avro topics without a schema registry: kafkajs reads the records, avsc decodes
// them. Each value is Avro single-object encoding: C3 01, the writer schema's CRC-64-AVRO fingerprint (8 bytes,
// little-endian) of its parsing canonical form, then the Avro binary body. The writer schema is picked by that
// fingerprint among the published .avsc files (current and history), and the record read into the current schema.
//
// usage: node avro-consumer.js BOOTSTRAP TOPIC SCHEMA_NAME RUN_ID COUNT AVSC_DIR...
// prints one JSON line per record of RUN_ID (the decoded record plus writerFingerprint), exits 0 after COUNT of them.
'use strict';
const fs = require('fs');
const path = require('path');
const avro = require('avsc');
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, topic, schemaName, runId, countText, ...dirs] = process.argv.slice(2);
const count = Number(countText);

// CRC-64-AVRO (the Rabin fingerprint of the Avro specification), over the UTF-8 bytes of the canonical form.
const EMPTY = 0xc15d213aa4d7a795n;
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  return fp & 0xffffffffffffffffn;
});
function fingerprint(text) {
  let fp = EMPTY;
  for (const byte of Buffer.from(text, 'utf8')) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  return fp;
}

// Every .avsc of the record (current and older versions); the current one is the reader schema.
const writers = new Map();
let reader = null;
for (const dir of dirs) {
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.avsc') || !(file === schemaName + '.avsc' || file.startsWith(schemaName + '-v'))) continue;
    const type = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    writers.set(fingerprint(JSON.stringify(type.schema())), { type, file });
    if (file === schemaName + '.avsc') reader = type;
  }
}
if (!reader) throw new Error('no ' + schemaName + '.avsc in ' + dirs);

function decode(value) {
  if (value[0] !== 0xc3 || value[1] !== 0x01) throw new Error('not Avro single-object encoding');
  const fp = value.readBigUInt64LE(2);
  const writer = writers.get(fp);
  if (!writer) throw new Error('unknown writer schema fingerprint ' + fp.toString(16));
  const body = value.subarray(10);
  const record = writer.type === reader ? reader.fromBuffer(body)
    : reader.fromBuffer(body, reader.createResolver(writer.type));
  return { record, writerFingerprint: fp.toString(16), writerFile: writer.file };
}

(async () => {
  const kafka = new Kafka({ clientId: 'perfplane-node-test', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: 'node-' + process.pid + '-' + Date.now(), readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out after ' + seen + ' of ' + count)), 60000);
    consumer.run({
      eachMessage: async ({ message }) => {
        const { record, writerFingerprint, writerFile } = decode(message.value);
        if (record.runId !== runId) return;
        process.stdout.write(JSON.stringify({ key: message.key.toString(), writerFingerprint, writerFile,
          record: JSON.parse(JSON.stringify(record, (k, v) => typeof v === 'bigint' ? v.toString() : v)) }) + '\n');
        if (++seen >= count) { clearTimeout(timer); resolve(); }
      },
    }).catch(reject);
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
