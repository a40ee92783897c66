#!/usr/bin/python3
"""Check data/statutory-holidays.csv against a second, independent computation.

The generator (tools/gen-statutory.js) takes the lunar dates and the Qingming
solar term from the npm package lunar-javascript. This script recomputes
every row another way and prints each disagreement:

- the lunar dates (除夕 and 正月初一..初三, 端午 5/5, 中秋 8/15) with Debian's
  python3-lunardate (apt-get install python3-lunardate), a table-driven
  converter written independently of lunar-javascript;
- the Qingming term as the moment the sun's apparent longitude reaches 15
  degrees (Meeus, Astronomical Algorithms, ch. 25, the low-accuracy solution:
  about 0.01 degree, some 15 minutes of time), as a date in Beijing time
  (UTC+8). A moment within 40 minutes of midnight is reported as too close
  to call rather than as a disagreement;
- the fixed days (元旦, 劳动节, 国庆节) and the shape of the file.

Run: /usr/bin/python3 tools/check-statutory.py [data/statutory-holidays.csv]
Exit status 0 when everything agrees.
"""
import csv
import datetime
import math
import sys

import lunardate

FIXED = {
    'new_year': [(1, 1)],
    'labour_day': [(5, 1), (5, 2)],
    'national_day': [(10, 1), (10, 2), (10, 3)],
}


def julian_day(t):
    """Julian day of a UTC datetime."""
    epoch = datetime.datetime(2000, 1, 1, 12)
    return 2451545.0 + (t - epoch).total_seconds() / 86400.0


def sun_longitude(jd):
    """Apparent geocentric longitude of the sun in degrees (Meeus ch. 25)."""
    jde = jd + 69.0 / 86400.0          # terrestrial time, delta T about 69 s
    t = (jde - 2451545.0) / 36525.0
    l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    m = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    c = ((1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(m)
         + (0.019993 - 0.000101 * t) * math.sin(2 * m) + 0.000289 * math.sin(3 * m))
    omega = math.radians(125.04 - 1934.136 * t)
    return (l0 + c - 0.00569 - 0.00478 * math.sin(omega)) % 360.0


def qingming_moment(year):
    """The UTC moment the sun's apparent longitude is 15 degrees, early April."""
    lo = datetime.datetime(year, 3, 30)
    hi = datetime.datetime(year, 4, 10)
    for _ in range(60):
        mid = lo + (hi - lo) / 2
        lon = sun_longitude(julian_day(mid))
        if 15.0 <= lon < 180.0:
            hi = mid
        else:
            lo = mid
    return lo


def expected(year):
    """(day, holiday) pairs for one year, by the independent sources."""
    out = []
    for holiday, days in FIXED.items():
        out += [(datetime.date(year, m, d), holiday) for m, d in days]
    first = lunardate.LunarDate(year, 1, 1).toSolarDate()
    out.append((first - datetime.timedelta(days=1), 'spring_festival'))
    out += [(first + datetime.timedelta(days=i), 'spring_festival') for i in range(3)]
    out.append((lunardate.LunarDate(year, 5, 5).toSolarDate(), 'dragon_boat'))
    out.append((lunardate.LunarDate(year, 8, 15).toSolarDate(), 'mid_autumn'))
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else 'data/statutory-holidays.csv'
    with open(path, newline='', encoding='utf-8') as fp:
        rows = list(csv.DictReader(fp))
    bad = 0
    have = {}
    for n, r in enumerate(rows, start=2):
        day = datetime.date.fromisoformat(r['date'])
        have.setdefault(r['holiday'], set()).add(day)
        if not r['name_cn'] or not r['name_en']:
            print(f'{path}: line {n}: a name is missing')
            bad += 1
    years = sorted({datetime.date.fromisoformat(r['date']).year for r in rows})
    for year in years:
        for day, holiday in expected(year):
            if day not in have.get(holiday, set()):
                print(f'{year}: {holiday} on {day} is missing')
                bad += 1
        moment = qingming_moment(year) + datetime.timedelta(hours=8)
        listed = [d for d in have.get('qingming', set()) if d.year == year]
        midnight = datetime.datetime.combine(moment.date(), datetime.time())
        margin = min(moment - midnight, midnight + datetime.timedelta(days=1) - moment)
        if listed != [moment.date()]:
            if margin < datetime.timedelta(minutes=40):
                print(f'{year}: qingming at {moment:%Y-%m-%d %H:%M} Beijing time is too close '
                      f'to midnight to check; the file says {listed}')
            else:
                print(f'{year}: qingming is {moment.date()} ({moment:%H:%M}), the file says {listed}')
                bad += 1
    count = sum(len(expected(y)) + 1 for y in years)
    if count != len(rows):
        print(f'{path}: {len(rows)} rows, expected {count}')
        bad += 1
    print(f'{len(rows)} rows for {years[0]}-{years[-1]}: {bad} disagreements')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
