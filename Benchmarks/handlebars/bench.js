#!/usr/bin/env node
// handlebars.js side of the benchmark: same template and context, compiled once (default options,
// HTML escaping on), rendered in a loop after a warm-up.
'use strict';
const fs = require('fs');
const path = require('path');
const Handlebars = require(process.env.HANDLEBARS_JS || '/usr/share/javascript/handlebars/handlebars.js');

const seconds = Number(process.argv[2] || 3);
const source = fs.readFileSync(path.join(__dirname, 'body.hbs'), 'utf8');
const context = JSON.parse(fs.readFileSync(path.join(__dirname, 'access-request-created.json'), 'utf8'));
const template = Handlebars.compile(source);

let sink = 0;
for (let i = 0; i < 200000; i++) sink += template(context).length;

let renders = 0;
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(seconds * 1e9));
let now = start;
while (now < deadline) {
  for (let i = 0; i < 1000; i++) sink += template(context).length;
  renders += 1000;
  now = process.hrtime.bigint();
}
const rate = renders / (Number(now - start) / 1e9);
const cpu = process.cpuUsage(cpuStart);
const cpuRate = renders / ((cpu.user + cpu.system) / 1e6);
console.log(`handlebars.js-${Handlebars.VERSION} renders_per_second=${Math.round(rate)} renders_per_cpu_second=${Math.round(cpuRate)} output_bytes=${template(context).length} checksum=${sink % 1000}`);
