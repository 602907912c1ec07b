#!/usr/bin/env node
// Validate SARIF files in two independent ways and exit 1 if either finds an error:
//  1. JSON schema: the SARIF 2.1.0 schema shipped inside the pinned multitool package,
//     checked with ajv (draft 2020-12, formats on).
//  2. Microsoft's SARIF multitool `validate` (schema, the SARIF1xxx/2xxx rules and GitHub's
//     GHxxxx ingestion rules). Its exit
//     code is 0 even when it reports errors, and for some schema violations (a bad enum
//     value, a string where a number belongs) it silently reports nothing at all, which is
//     why (1) exists. Its findings are read from the SARIF log it writes with `-o`.
//
// Usage: NODE_PATH=<dir>/node_modules node validate-sarif.js FILE...
//        NODE_PATH=... node validate-sarif.js --self-test VALID_FILE
// --self-test breaks a valid log in ways only one of the two validators can see and checks
// that each breakage is caught by the validator expected to catch it, so a validator that
// silently stopped working fails CI instead of passing everything.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const multitool = require('@microsoft/sarif-multitool');
const schema = JSON.parse(
  fs.readFileSync(path.join(path.dirname(multitool), 'sarif-2.1.0.json'), 'utf8'),
);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

// npm may skip the package's postinstall `chmod u+x`.
try {
  fs.accessSync(multitool, fs.constants.X_OK);
} catch {
  fs.chmodSync(multitool, 0o755);
}

function schemaErrors(file) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not JSON: ${e.message}`];
  }
  if (validateSchema(doc)) return [];
  return validateSchema.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
}

function multitoolFindings(file) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-')), 'validation.sarif');
  const run = spawnSync(
    multitool,
    // `Gh` adds the rules GitHub code scanning applies when it ingests a log.
    [
      'validate',
      '--rule-kind',
      'Sarif;Gh',
      '--level',
      'Error;Warning',
      '--log',
      'ForceOverwrite',
      '-o',
      out,
      file,
    ],
    {
      encoding: 'utf8',
      // The .NET runtime needs ICU unless told not to; CI machines may not have it.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    },
  );
  const errors = [];
  const warnings = [];
  if (run.error || run.status !== 0) {
    errors.push(`multitool failed to run (status ${run.status}): ${run.error || run.stderr}`);
    return { errors, warnings };
  }
  let log;
  try {
    log = JSON.parse(fs.readFileSync(out, 'utf8'));
  } catch (e) {
    errors.push(`multitool wrote no readable log: ${e.message}\n${run.stdout}`);
    return { errors, warnings };
  }
  for (const r of log.runs || []) {
    for (const res of r.results || []) {
      const text = `${res.ruleId}: ${describe(res, r)}`;
      (res.level === 'error' ? errors : warnings).push(text);
    }
    for (const inv of r.invocations || []) {
      if (inv.executionSuccessful === false) errors.push('multitool: execution not successful');
      const notes = [
        ...(inv.toolExecutionNotifications || []),
        ...(inv.toolConfigurationNotifications || []),
      ];
      for (const n of notes) {
        if (n.level === 'error') errors.push(`multitool: ${n.message && n.message.text}`);
      }
    }
  }
  return { errors, warnings };
}

// The multitool writes messages as a rule template plus arguments.
function describe(res, run) {
  const args = (res.message && res.message.arguments) || [];
  const rule = (run.tool.driver.rules || []).find((x) => x.id === res.ruleId);
  const id = res.message && res.message.id;
  const template = rule && id && rule.messageStrings && rule.messageStrings[id];
  if (template && template.text) {
    return template.text
      .replace(/\{(\d+)\}/g, (_, i) => args[Number(i)] ?? '')
      .replace(/\{\{/g, '{')
      .replace(/\}\}/g, '}');
  }
  return (res.message && res.message.text) || args.join(' ');
}

function check(file) {
  const errors = schemaErrors(file).map((e) => `schema: ${e}`);
  const found = multitoolFindings(file);
  errors.push(...found.errors);
  return { errors, warnings: found.warnings };
}

function selfTest(file) {
  const valid = JSON.parse(fs.readFileSync(file, 'utf8'));
  const firstRegion = (doc) => {
    const res = doc.runs[0].results.find(
      (r) => r.locations && r.locations[0].physicalLocation.region,
    );
    if (!res) throw new Error(`${file}: no result with a region to break`);
    return { res, region: res.locations[0].physicalLocation.region };
  };
  const cases = [
    ['a level outside the enum', 'schema', (doc) => (firstRegion(doc).res.level = 'fatal')],
    ['a number given as a string', 'schema', (doc) => (firstRegion(doc).region.startLine = '1')],
    [
      'endLine before startLine',
      'multitool',
      (doc) => {
        const { region } = firstRegion(doc);
        region.startLine = 3;
        region.endLine = 2;
      },
    ],
    [
      'a result without locations (GitHub rejects it)',
      'multitool',
      (doc) => delete firstRegion(doc).res.locations,
    ],
    [
      'ruleIndex past the rules array',
      'multitool',
      (doc) => (firstRegion(doc).res.ruleIndex = doc.runs[0].tool.driver.rules.length + 5),
    ],
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-broken-'));
  let ok = true;
  cases.forEach(([what, layer, breakIt], i) => {
    const doc = JSON.parse(JSON.stringify(valid));
    breakIt(doc);
    const broken = path.join(dir, `broken-${i}.sarif`);
    fs.writeFileSync(broken, JSON.stringify(doc, null, 2));
    const errors =
      layer === 'schema'
        ? schemaErrors(broken)
        : multitoolFindings(broken).errors;
    if (errors.length === 0) {
      console.error(`FAIL self-test: ${what}: the ${layer} validator did not reject it`);
      ok = false;
    } else {
      console.log(`ok   self-test: ${what}: rejected by the ${layer} validator (${errors[0]})`);
    }
  });
  return ok;
}

const argv = process.argv.slice(2);
if (argv[0] === '--self-test') {
  if (argv.length !== 2) {
    console.error('usage: validate-sarif.js --self-test VALID_FILE');
    process.exit(2);
  }
  process.exit(selfTest(argv[1]) ? 0 : 1);
}
if (argv.length === 0) {
  console.error('usage: validate-sarif.js FILE... | --self-test VALID_FILE');
  process.exit(2);
}
let failed = false;
for (const file of argv) {
  const { errors, warnings } = check(file);
  for (const w of warnings) console.log(`warn ${file}: ${w}`);
  if (errors.length > 0) {
    for (const e of errors) console.error(`FAIL ${file}: ${e}`);
    failed = true;
  } else {
    console.log(`ok   ${file}`);
  }
}
process.exit(failed ? 1 : 0);
