#!/usr/bin/env node
/*
 * Writes data/region-initials.csv: for every township and village of
 * data/regions-chongqing.csv (with the city and the districts), the initials of its name's
 * pinyin, lower case: 观音桥街道 -> gyqjd, 古城镇 -> gcz. The console's
 * "lives in" field finds a place by them as well as by its name.
 *
 * The readings come from the npm package pinyin-pro (zh-lx, MIT), which
 * reads a character by the word it stands in, so that 重庆 is chongqing and
 * 长寿 changshou. Run once and commit the output (make initials does it):
 *
 *   npm install --no-save --prefix build/npm pinyin-pro@3.29.4
 *   NODE_PATH=build/npm/node_modules node tools/gen-initials.js > data/region-initials.csv
 *
 * A character with no pinyin (a digit, a Latin letter) stands for itself.
 */
'use strict';

const fs = require('fs');
const { pinyin } = require('pinyin-pro');

const src = fs.readFileSync('data/regions-chongqing.csv', 'utf8').split(/\r?\n/);
const out = ['code,initials'];

for (let i = 1; i < src.length; i++) {
	if (!src[i])
		continue;
	/* code,name,level,parent_code: names hold no commas or quotes */
	const [code, name] = src[i].split(',');
	const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
	    .map((p) => (p || '').toLowerCase().replace(/[^a-z0-9]/g, ''))
	    .join('');
	out.push(code + ',' + letters);
}
process.stdout.write(out.join('\n') + '\n');
