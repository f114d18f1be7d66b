// Usage: node parse.mjs <file.tf>...   Prints {"<file>": <hcl2json of the file>, ...} on stdout.
// A syntax error exits 1 naming the file, so the Java test can report it.
import { readFile } from 'node:fs/promises';
import { parse } from '@cdktf/hcl2json';

const result = {};
for (const file of process.argv.slice(2)) {
  try {
    result[file] = await parse(file, await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`HCL syntax error in ${file}: ${error.message ?? error}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(result));
