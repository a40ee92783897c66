#!/usr/bin/env node
/*
 * Writes data/statutory-holidays.csv: the days of the holidays that the
 * 全国年节及纪念日放假办法 (as revised by State Council decree 795 of
 * November 2024, in force from 2025) gives every citizen, for the years
 * FIRST..LAST. These need no yearly notice:
 *
 *   new_year         元旦     1 January
 *   spring_festival  春节     除夕 (the eve) and 正月初一 to 初三: 4 days
 *   qingming         清明节   the day of the Qingming solar term
 *   labour_day       劳动节   1 and 2 May
 *   dragon_boat      端午节   the 5th day of the 5th lunar month
 *   mid_autumn       中秋节   the 15th day of the 8th lunar month
 *   national_day     国庆节   1 to 3 October
 *
 * The lunar dates and the solar term come from the npm package
 * lunar-javascript (6tail, MIT), which computes them for Beijing time.
 * Run once and commit the output (make statutory does it):
 *
 *   npm install --no-save --prefix build/npm lunar-javascript@1.7.7
 *   NODE_PATH=build/npm/node_modules node tools/gen-statutory.js > data/statutory-holidays.csv
 *
 * tools/check-statutory.py checks the output against an independent
 * computation (Debian's python3-lunardate and the sun's longitude).
 */
'use strict';

const { Solar, Lunar } = require('lunar-javascript');

const FIRST = 2025;
const LAST = 2050;

const names = {
	new_year: ['元旦', "New Year's Day"],
	spring_festival: ['春节', 'Chinese New Year'],
	qingming: ['清明节', 'Tomb-Sweeping Day'],
	labour_day: ['劳动节', 'Labor Day'],
	dragon_boat: ['端午节', 'Dragon Boat Festival'],
	mid_autumn: ['中秋节', 'Mid-Autumn Festival'],
	national_day: ['国庆节', 'National Day'],
};

function ymd(solar) {
	return solar.toYmd();
}

/* The day of the Qingming term in April of year y (Beijing time). */
function qingming(y) {
	for (let d = 1; d <= 10; d++) {
		const s = Solar.fromYmd(y, 4, d);

		if (s.getLunar().getJieQi() === '清明')
			return ymd(s);
	}
	throw new Error(`no Qingming term found in April ${y}`);
}

const rows = [];

function add(day, holiday) {
	rows.push([day, holiday]);
}

for (let y = FIRST; y <= LAST; y++) {
	add(`${y}-01-01`, 'new_year');
	/* 除夕 is the day before 正月初一, whether the 12th month has 29 or 30 days. */
	const newYear = Lunar.fromYmd(y, 1, 1).getSolar();
	add(ymd(newYear.next(-1)), 'spring_festival');
	for (let i = 0; i < 3; i++)
		add(ymd(newYear.next(i)), 'spring_festival');
	add(qingming(y), 'qingming');
	add(`${y}-05-01`, 'labour_day');
	add(`${y}-05-02`, 'labour_day');
	add(ymd(Lunar.fromYmd(y, 5, 5).getSolar()), 'dragon_boat');
	add(ymd(Lunar.fromYmd(y, 8, 15).getSolar()), 'mid_autumn');
	for (let d = 1; d <= 3; d++)
		add(`${y}-10-0${d}`, 'national_day');
}

const order = Object.keys(names);
rows.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 :
    order.indexOf(a[1]) - order.indexOf(b[1]));
let out = 'date,holiday,name_cn,name_en\r\n';
for (const [day, holiday] of rows)
	out += `${day},${holiday},${names[holiday][0]},${names[holiday][1]}\r\n`;
process.stdout.write(out);
