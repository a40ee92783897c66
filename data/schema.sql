-- tongban schema. The schema version is PRAGMA user_version; src/store.c
-- refuses a database whose version it does not know.
PRAGMA user_version = 22;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Administrative divisions. Codes are hierarchical by prefix (district 6,
-- township 9, village 12 digits), so a region's subtree is a code range.
CREATE TABLE region (
  code   TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  level  TEXT NOT NULL CHECK (level IN ('city','district','township','village')),
  parent TEXT REFERENCES region(code) DEFERRABLE INITIALLY DEFERRED,
  zone   INTEGER NOT NULL DEFAULT 0,  -- 1 for a development zone (project's own code)
  -- The initials of the name's pinyin (观音桥街道: gyqjd), from
  -- data/region-initials.csv: the console finds a place by them.
  initials TEXT NOT NULL DEFAULT ''
);
CREATE INDEX region_parent ON region(parent);
CREATE INDEX region_level ON region(level, code);

-- Public holidays and make-up working days; other days follow the weekday rule.
CREATE TABLE calendar (
  day     TEXT PRIMARY KEY,
  kind    TEXT NOT NULL CHECK (kind IN ('public_holiday','transfer_workday')),
  name_cn TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT ''
);

-- The days of the statutory holidays (全国年节及纪念日放假办法, as revised
-- in 2024), from data/statutory-holidays.csv: the clock rests on them in
-- the years the calendar above has no notice for, and marks what it counts
-- there as provisional. A day two holidays share has a row for each.
CREATE TABLE statutory_holiday (
  day     TEXT NOT NULL,
  holiday TEXT NOT NULL CHECK (holiday IN ('new_year','spring_festival','qingming',
            'labour_day','dragon_boat','mid_autumn','national_day')),
  name_cn TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (day, holiday)
) WITHOUT ROWID;

-- Kinds of department, with the names of their city and district bodies.
CREATE TABLE dept_kind (
  kind            TEXT PRIMARY KEY,
  city_name       TEXT NOT NULL,
  district_suffix TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  levels          TEXT NOT NULL,
  county_suffix   TEXT NOT NULL DEFAULT '',   -- a county's (县) office; '': district_suffix
  in_zones        INTEGER NOT NULL DEFAULT 0  -- the development zones have such a body
);

-- Offices: departments at city and district level, service centres of
-- townships. The code is the region code, a dot and the department kind.
CREATE TABLE office (
  code   TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  kind   TEXT NOT NULL REFERENCES dept_kind(kind),
  region TEXT NOT NULL REFERENCES region(code),
  level  TEXT NOT NULL CHECK (level IN ('city','district','township'))
);
CREATE INDEX office_region ON office(region, kind);

-- The standardized item catalog (三级四同).
CREATE TABLE item (
  code           TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  power_type     TEXT NOT NULL CHECK (power_type IN
                   ('licensing','confirmation','payment','other','public_service')),
  dept_kind      TEXT NOT NULL REFERENCES dept_kind(kind),
  levels         TEXT NOT NULL,
  statutory_days INTEGER NOT NULL CHECK (statutory_days > 0),
  promised_days  INTEGER NOT NULL CHECK (promised_days > 0 AND promised_days <= statutory_days),
  fee_cents      INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  online_depth   INTEGER NOT NULL CHECK (online_depth BETWEEN 1 AND 4),
  channels       TEXT NOT NULL,
  guide          TEXT NOT NULL DEFAULT '',
  -- Who may apply: a natural person (resident ID), an organisation (unified
  -- social credit code) or either; intake refuses the other kind.
  applicant_kind TEXT NOT NULL DEFAULT 'either' CHECK (applicant_kind IN
                   ('person','organisation','either'))
);

-- A secondary material (次要材料) is a required one that the applicant may
-- hand in after acceptance on a written pledge (容缺受理); only these may be
-- pledged.
CREATE TABLE item_material (
  item      TEXT NOT NULL REFERENCES item(code),
  seq       INTEGER NOT NULL,
  name      TEXT NOT NULL,
  required  INTEGER NOT NULL DEFAULT 1,
  secondary INTEGER NOT NULL DEFAULT 0 CHECK (secondary IN (0, 1) AND
                                              (secondary = 0 OR required = 1)),
  PRIMARY KEY (item, seq)
);

-- Steps of an item; several rows with one seq are the branches of a
-- parallel step (串联改并联), one per department kind.
CREATE TABLE item_step (
  item       TEXT NOT NULL REFERENCES item(code),
  seq        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  dept_kind  TEXT NOT NULL REFERENCES dept_kind(kind),
  limit_days INTEGER NOT NULL CHECK (limit_days > 0),
  PRIMARY KEY (item, seq, dept_kind)
);

-- Applicants are entered once and shared by every office.
-- The applicant register (数据一次录入): the current entry, and every
-- version it has had. A case keeps the name and phone it was taken in
-- with (cases.applicant_name), so a later correction renames no licence.
CREATE TABLE applicant (
  id     TEXT PRIMARY KEY,           -- resident ID or unified social credit code
  kind   TEXT NOT NULL CHECK (kind IN ('person','org')),
  name   TEXT NOT NULL,
  phone  TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL REFERENCES region(code),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE applicant_version (
  applicant TEXT NOT NULL REFERENCES applicant(id),
  version   INTEGER NOT NULL,
  name      TEXT NOT NULL,
  phone     TEXT NOT NULL DEFAULT '',
  region    TEXT NOT NULL,
  since     TEXT NOT NULL,           -- YYYY-MM-DD HH:MM:SS
  by_login  TEXT NOT NULL,
  PRIMARY KEY (applicant, version)
) WITHOUT ROWID;
-- Lookups by name or phone find every name or phone an applicant has had.
CREATE INDEX applicant_version_name ON applicant_version(name);
CREATE INDEX applicant_version_phone ON applicant_version(phone);

CREATE TABLE users (
  login    TEXT PRIMARY KEY,
  name     TEXT NOT NULL DEFAULT '',
  role     TEXT NOT NULL CHECK (role IN ('clerk','approver','supervisor','admin')),
  region   TEXT NOT NULL REFERENCES region(code),
  office   TEXT REFERENCES office(code),
  lang     TEXT NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh','en')),
  encoding TEXT NOT NULL DEFAULT 'utf-8' CHECK (encoding IN ('utf-8','gbk')),  -- the terminal's
  pwhash   TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  -- 负责人: the head of the office, who approves extensions (art. 42)
  head     INTEGER NOT NULL DEFAULT 0 CHECK (head IN (0, 1) AND (head = 0 OR role = 'approver')),
  created  TEXT NOT NULL
);

CREATE TABLE user_key (
  id      INTEGER PRIMARY KEY,
  login   TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
  type    TEXT NOT NULL,
  blob    TEXT NOT NULL,               -- base64 key as in authorized_keys
  comment TEXT NOT NULL DEFAULT '',
  added   TEXT NOT NULL,
  UNIQUE (login, blob)
);

-- Cases (办件). Dates are ISO YYYY-MM-DD. warn and due drive the light:
-- red when today > due, yellow when today >= warn, for open cases.
-- paused_since is set while the clock stands still (supplement, suspension).
CREATE TABLE cases (
  id             INTEGER PRIMARY KEY,
  no             TEXT NOT NULL UNIQUE,
  item           TEXT NOT NULL REFERENCES item(code),
  applicant      TEXT NOT NULL REFERENCES applicant(id),
  applicant_name TEXT NOT NULL,        -- as taken in (the licence is issued to it)
  applicant_phone TEXT NOT NULL DEFAULT '',
  applicant_region TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('window','online','self-service')),
  hall_region    TEXT NOT NULL,
  office         TEXT NOT NULL REFERENCES office(code),
  office_region  TEXT NOT NULL,
  status         TEXT NOT NULL,
  open           INTEGER NOT NULL,     -- 1 until approved/denied/completed/...
  step           INTEGER NOT NULL DEFAULT 0,
  submitted      TEXT NOT NULL,
  accepted       TEXT,
  decided        TEXT,
  finished       TEXT,
  limit_days     INTEGER NOT NULL,
  paused_days    INTEGER NOT NULL DEFAULT 0,
  extended_days  INTEGER NOT NULL DEFAULT 0,
  paused_since   TEXT,
  warn           TEXT NOT NULL,
  due            TEXT NOT NULL,
  on_time        INTEGER,              -- for finished cases
  materials      TEXT NOT NULL DEFAULT '',
  result         TEXT NOT NULL DEFAULT '',
  fee_cents      INTEGER NOT NULL DEFAULT 0,
  prev_status    TEXT,                 -- where supplement/suspension returns to
  step_started   TEXT,                 -- the current step's clock
  step_paused    INTEGER NOT NULL DEFAULT 0,
  pledge_date    TEXT,                 -- 容缺受理: materials promised by this day
  pledge_materials TEXT NOT NULL DEFAULT '',  -- as pledged; received ones join materials
  -- The pledge date while a pledged material is outstanding, else NULL
  -- (derived from the case when it is written: tcase_pledge_open).
  pledge_due     TEXT,
  -- Supplement notices given (一次性告知): 1 at the acceptance stage, 2 in review.
  notices        INTEGER NOT NULL DEFAULT 0,
  deemed         INTEGER NOT NULL DEFAULT 0, -- art. 32: accepted by silence
  suspend_reason TEXT NOT NULL DEFAULT '',
  suspend_days   INTEGER NOT NULL DEFAULT 0, -- the period told to the applicant
  version        INTEGER NOT NULL DEFAULT 1,
  -- The light as two dates (tcase_light_span in src/domain/tcase.c), so
  -- that a light is a range on an index: red from red_from on, yellow from
  -- yellow_from on, green before; a stopped clock's light is written as
  -- 0000-01-01 (always) or 9999-12-31 (never). NULL when closed.
  yellow_from    TEXT,
  red_from       TEXT,
  -- 1 when warn or due was counted over a day of a year that no holiday
  -- notice covers yet (tcase_clock): the dates may move when it comes.
  provisional    INTEGER NOT NULL DEFAULT 0,
  -- art. 44's delivery clock (送达), 10 working days from the decision
  -- (tcase_delivery_clock): NULL until decided.
  deliver_warn   TEXT,
  deliver_due    TEXT,
  -- art. 45: the last working day of the period told to the applicant
  -- while suspended (tcase_suspend_clock), NULL otherwise; past it, an
  -- anomaly (cases_suspend_due).
  suspend_due    TEXT,
  -- The person of the competent office the case is given to (NULL: not
  -- given to anyone yet): "my cases" and "unassigned" in the worklist.
  assignee       TEXT
);
CREATE INDEX cases_applicant ON cases(applicant);
-- "My cases" and an office's unassigned ones, most urgent first.
CREATE INDEX cases_assignee ON cases(assignee, due, warn) WHERE open = 1 AND assignee IS NOT NULL;
CREATE INDEX cases_office_unassigned ON cases(office, due, warn)
  WHERE open = 1 AND assignee IS NULL;
-- The worklist: an office's open cases, most urgent first.
CREATE INDEX cases_office_open ON cases(office, due, warn) WHERE open = 1;
-- Decided cases waiting at a hall to be handed over (few at any time).
CREATE INDEX cases_hall_handover ON cases(hall_region, due, warn)
  WHERE open = 1 AND status IN ('approved', 'denied');
CREATE INDEX cases_hall_handover_light ON cases(hall_region, office, red_from, yellow_from)
  WHERE open = 1 AND status IN ('approved', 'denied');
-- Lights: open cases by their light dates, per office, per district (on
-- each region column) and for the whole city. `open` is a column as well
-- as the condition so that a count reads the index alone.
CREATE INDEX cases_light ON cases(open, red_from, yellow_from) WHERE open = 1;
CREATE INDEX cases_office_light ON cases(office, open, red_from, yellow_from) WHERE open = 1;
CREATE INDEX cases_office_yellow ON cases(office, open, yellow_from, red_from) WHERE open = 1;
CREATE INDEX cases_office_district_light
  ON cases(substr(office_region, 1, 6), open, red_from, yellow_from) WHERE open = 1;
CREATE INDEX cases_hall_district_light
  ON cases(substr(hall_region, 1, 6), open, red_from, yellow_from) WHERE open = 1;
CREATE INDEX cases_applicant_district_light
  ON cases(substr(applicant_region, 1, 6), open, red_from, yellow_from) WHERE open = 1;
CREATE INDEX cases_office_region ON cases(office_region, submitted);
CREATE INDEX cases_hall_region ON cases(hall_region, submitted);
CREATE INDEX cases_applicant_region ON cases(applicant_region);
CREATE INDEX cases_submitted ON cases(submitted);
-- Newest first within a district (6 digits) or a township (9): the pages of
-- store_case_find walk these by equality on the prefix (PERFORMANCE.md).
CREATE INDEX cases_office_district ON cases(substr(office_region, 1, 6), submitted);
CREATE INDEX cases_hall_district ON cases(substr(hall_region, 1, 6), submitted);
CREATE INDEX cases_applicant_district ON cases(substr(applicant_region, 1, 6), submitted);
CREATE INDEX cases_office_township ON cases(substr(office_region, 1, 9), submitted);
CREATE INDEX cases_hall_township ON cases(substr(hall_region, 1, 9), submitted);
CREATE INDEX cases_applicant_township ON cases(substr(applicant_region, 1, 9), submitted);
CREATE INDEX cases_office_submitted ON cases(office, submitted);
CREATE INDEX cases_finished ON cases(finished) WHERE finished IS NOT NULL;
-- Pledges (容缺受理) still outstanding, by their date: the overdue ones are an anomaly.
CREATE INDEX cases_pledge_due ON cases(pledge_due, office_region) WHERE pledge_due IS NOT NULL;
CREATE INDEX cases_suspend_due ON cases(suspend_due, office_region) WHERE suspend_due IS NOT NULL;

-- Branches of a parallel step (串联改并联): one per department; the case
-- goes on when every branch has given its opinion. Each has its own limit.
CREATE TABLE case_branch (
  case_id    INTEGER NOT NULL REFERENCES cases(id),
  step       INTEGER NOT NULL,
  dept_kind  TEXT NOT NULL,
  office     TEXT NOT NULL REFERENCES office(code),
  limit_days INTEGER NOT NULL,
  started    TEXT NOT NULL,
  due        TEXT NOT NULL,
  opinion    TEXT,                     -- NULL while pending
  verdict    TEXT,                     -- agree | disagree
  by_login   TEXT,
  done_on    TEXT,
  -- A dissent (verdict disagree) overridden by the lead office: its reason.
  override    TEXT,
  override_by TEXT,
  override_on TEXT,
  -- Working days the case was paused (supplement, art. 45) while the branch
  -- waited: its due date moved by them on resume.
  paused_days INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, step, dept_kind)
);
CREATE INDEX case_branch_pending ON case_branch(office, opinion, due);
CREATE INDEX case_branch_office ON case_branch(office, case_id);

-- Unfinished forms and dialogs, offered again at the user's next login.
CREATE TABLE draft (
  login   TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
  kind    TEXT NOT NULL,               -- intake | act
  data    TEXT NOT NULL,               -- key=value lines
  saved   TEXT NOT NULL,
  PRIMARY KEY (login, kind)
);

-- The append-only record. hash = SHA-256 of the previous event's hash and
-- this event's fields (see src/audit.c), so any edit, deletion or reordering
-- breaks the chain.
CREATE TABLE event (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL,        -- a case, or 0 for supervision records
  subject     TEXT NOT NULL DEFAULT '', -- e.g. supervision:12, complaint:3
  at          TEXT NOT NULL,           -- YYYY-MM-DD HH:MM:SS, local time
  actor       TEXT NOT NULL,
  addr        TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status   TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  hash        TEXT NOT NULL
);
CREATE INDEX event_case ON event(case_id, id);
-- The events of a subject (a project's), without those of cases.
CREATE INDEX event_subject ON event(subject, id) WHERE subject <> '';
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Summary tables for supervision, kept by src/stats.c in the same
-- transaction as every change of a case, so that the dashboard never scans
-- the cases. 'area' is the region of the case's office (a township, a
-- district, or 500000 for city departments); 'district' its first 6 digits.
--
-- A running clock's light depends on the day. stat_open counts open cases
-- with a running clock by their warning and due dates; stat_light holds the
-- same cases by their light as of one day (meta 'stat_day'), kept up to date
-- by every transaction and recomputed from stat_open once when the day
-- changes; so the live dashboard reads a few hundred rows whatever the size.
-- A paused or decided case's light is fixed: stat_frozen.
CREATE TABLE stat_open (
  area     TEXT NOT NULL,
  status   TEXT NOT NULL,
  warn     TEXT NOT NULL,
  due      TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (area, status, warn, due)
) WITHOUT ROWID;
CREATE TABLE stat_light (
  area     TEXT NOT NULL,
  status   TEXT NOT NULL,
  light    INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (area, status, light)
) WITHOUT ROWID;
CREATE TABLE stat_frozen (
  area     TEXT NOT NULL,
  status   TEXT NOT NULL,
  light    INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (area, status, light)
) WITHOUT ROWID;
-- Offices: running open cases by due date, and paused or decided red ones;
-- together, the offices with most red cases.
CREATE TABLE stat_office (
  office   TEXT NOT NULL,
  area     TEXT NOT NULL,
  due      TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (office, due)
) WITHOUT ROWID;
CREATE INDEX stat_office_due ON stat_office(due);
CREATE TABLE stat_frozen_red (
  office   TEXT NOT NULL,
  area     TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (office)
) WITHOUT ROWID;
-- Open cases by item, step, district and the day the step began.
CREATE TABLE stat_step (
  item     TEXT NOT NULL,
  step     INTEGER NOT NULL,
  district TEXT NOT NULL,
  started  TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (item, step, district, started)
) WITHOUT ROWID;
-- Received and finished per day and district; received per day and hall.
CREATE TABLE stat_day (
  day      TEXT NOT NULL,
  district TEXT NOT NULL,
  received INTEGER NOT NULL DEFAULT 0,
  finished INTEGER NOT NULL DEFAULT 0,
  on_time  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, district)
) WITHOUT ROWID;
CREATE TABLE stat_hall (
  day      TEXT NOT NULL,
  hall     TEXT NOT NULL,
  received INTEGER NOT NULL,
  PRIMARY KEY (day, hall)
) WITHOUT ROWID;

-- Anomalies found when they happen (fee above the catalog, a refusal
-- without a reason, a dissent overridden); the others are read off the
-- summaries and the cases (overdue pledges).
CREATE TABLE anomaly (
  id      INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind    TEXT NOT NULL,
  day     TEXT NOT NULL,
  detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX anomaly_day ON anomaly(day);

-- Supervision orders (督办) on a case or an office.
CREATE TABLE supervision (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER REFERENCES cases(id),
  office     TEXT NOT NULL REFERENCES office(code),
  area       TEXT NOT NULL,
  note       TEXT NOT NULL,
  due        TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('open','responded','closed')),
  response   TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created    TEXT NOT NULL,
  responded  TEXT,
  closed     TEXT
);
CREATE INDEX supervision_office ON supervision(office, status);

-- Complaints (投诉) and ratings (好差评).
CREATE TABLE complaint (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER REFERENCES cases(id),
  office     TEXT NOT NULL REFERENCES office(code),
  area       TEXT NOT NULL,
  text       TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('received','accepted','refused','answered','closed')),
  received   TEXT NOT NULL,
  accept_due TEXT NOT NULL,              -- 5 working days to accept or refuse
  answer     TEXT NOT NULL DEFAULT '',
  by_login   TEXT NOT NULL,
  missing_material INTEGER NOT NULL DEFAULT 0, -- about a material the guide did not list
  handled    TEXT                        -- the day it was accepted or refused
);
CREATE INDEX complaint_office ON complaint(office, status);
CREATE TABLE rating (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  office    TEXT NOT NULL,
  area      TEXT NOT NULL,
  level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  comment   TEXT NOT NULL DEFAULT '',
  day       TEXT NOT NULL,
  rect_due  TEXT,                        -- a bad rating: rectification due
  rect_status TEXT,                      -- open | rectified | done (called back)
  rect_note TEXT NOT NULL DEFAULT '',    -- what the office rectified
  rect_done TEXT,                        -- the day the office reported it
  callback  TEXT NOT NULL DEFAULT ''     -- by a supervisor or a hall, never the office
);
CREATE INDEX rating_office ON rating(office);

-- Failed logins, for throttling guessers across connections.
CREATE TABLE login_failure (
  login TEXT NOT NULL,
  addr  TEXT NOT NULL,               -- the client's address, without the port
  at    INTEGER NOT NULL             -- seconds since the epoch
);
CREATE INDEX login_failure_login ON login_failure(login, at);
CREATE INDEX login_failure_addr ON login_failure(addr, at);

-- Per-district, per-day counters for case numbers.
CREATE TABLE case_seq (
  prefix TEXT PRIMARY KEY,
  n      INTEGER NOT NULL
);

-- Investment projects (工程建设项目) under the "1+8" flowcharts
-- (data/flowcharts): a flowchart is stages in order; the items of a stage
-- run in parallel; a stage may have one joint step (联合踏勘 survey, 多图联审
-- drawings, 联合验收 acceptance).
CREATE TABLE flowchart (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  total_days INTEGER NOT NULL CHECK (total_days > 0),
  before     TEXT NOT NULL DEFAULT '',   -- the working days the serial process took
  seq        INTEGER NOT NULL DEFAULT 0  -- the order they were loaded in: lists keep it
);
CREATE TABLE flow_stage (
  flowchart  TEXT NOT NULL REFERENCES flowchart(code),
  seq        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  limit_days INTEGER NOT NULL CHECK (limit_days > 0),
  joint      TEXT NOT NULL DEFAULT '' CHECK (joint IN ('', 'survey', 'drawings', 'acceptance')),
  PRIMARY KEY (flowchart, seq)
) WITHOUT ROWID;
-- The key's columns come first: SQLite 3.40's integrity_check misreads a
-- NOT NULL column declared between them in a WITHOUT ROWID table.
CREATE TABLE flow_item (
  flowchart  TEXT NOT NULL,
  stage      INTEGER NOT NULL,
  item       TEXT NOT NULL REFERENCES item(code),
  seq        INTEGER NOT NULL,             -- the row's order in the file
  PRIMARY KEY (flowchart, stage, item)
) WITHOUT ROWID;

-- A project of one enterprise (org_code: its unified social credit code, an
-- applicant) under one flowchart; stage is the current stage's seq.
CREATE TABLE project (
  id          INTEGER PRIMARY KEY,
  no          TEXT NOT NULL UNIQUE,        -- XM + YYYYMMDD + 4-digit sequence
  flowchart   TEXT NOT NULL REFERENCES flowchart(code),
  org_code    TEXT NOT NULL,               -- the applicant of every case of it
  org_name    TEXT NOT NULL,
  name        TEXT NOT NULL,
  site        TEXT NOT NULL,               -- region code of the site
  hall_region TEXT NOT NULL,               -- the hall that opened it
  opened_by   TEXT NOT NULL,
  opened      TEXT NOT NULL,
  closed      TEXT,
  status      TEXT NOT NULL CHECK (status IN ('open', 'done', 'stopped', 'withdrawn')),
  stop_reason TEXT NOT NULL DEFAULT '',
  stage       INTEGER NOT NULL DEFAULT 1,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX project_opened ON project(opened);
CREATE TABLE project_stage (
  project_id INTEGER NOT NULL REFERENCES project(id),
  seq        INTEGER NOT NULL,
  opened     TEXT NOT NULL,
  closed     TEXT,
  PRIMARY KEY (project_id, seq)
) WITHOUT ROWID;
CREATE TABLE project_case (
  project_id INTEGER NOT NULL REFERENCES project(id),
  stage      INTEGER NOT NULL,
  case_id    INTEGER NOT NULL REFERENCES cases(id),
  PRIMARY KEY (project_id, stage, case_id)
) WITHOUT ROWID;
CREATE INDEX project_case_case ON project_case(case_id);
-- A joint step of a stage, scheduled once for all its offices; closed when
-- every office has recorded its findings on its own case.
CREATE TABLE project_joint (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES project(id),
  stage      INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('survey', 'drawings', 'acceptance')),
  day        TEXT NOT NULL,
  place      TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('scheduled', 'closed')),
  by_login   TEXT NOT NULL,
  created    TEXT NOT NULL,
  closed     TEXT
);
CREATE INDEX project_joint_project ON project_joint(project_id, stage);
CREATE TABLE project_joint_office (
  joint_id  INTEGER NOT NULL REFERENCES project_joint(id),
  office    TEXT NOT NULL REFERENCES office(code),
  case_id   INTEGER NOT NULL REFERENCES cases(id),
  findings  TEXT,                          -- NULL until the office records them
  by_login  TEXT,
  done_on   TEXT,
  PRIMARY KEY (joint_id, office)
) WITHOUT ROWID;

-- Inspection appointments (预约). The items that need an on-site visit and
-- the working hours within which the office answers a request
-- (data/item_inspection.csv).
CREATE TABLE item_inspection (
  item           TEXT PRIMARY KEY REFERENCES item(code),
  response_hours INTEGER NOT NULL CHECK (response_hours BETWEEN 1 AND 40),
  what           TEXT NOT NULL,
  what_en        TEXT NOT NULL
);
-- One request for a visit on a case, answered with a day, a time window and
-- an inspector of the competent office. Moments are YYYY-MM-DD HH:MM; the
-- response is due response_hours working hours after the request
-- (clock_work_add). late: answered after response_due.
CREATE TABLE appointment (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases(id),
  office        TEXT NOT NULL REFERENCES office(code),
  office_region TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('requested','booked','done','cancelled')),
  channel       TEXT NOT NULL CHECK (channel IN ('window','online','self-service')),
  wish          TEXT NOT NULL DEFAULT '',
  contact       TEXT NOT NULL DEFAULT '',
  requested     TEXT NOT NULL,
  requested_by  TEXT NOT NULL,
  response_due  TEXT NOT NULL,
  answered      TEXT,
  late          INTEGER NOT NULL DEFAULT 0,
  day           TEXT,
  time_from     TEXT,
  time_to       TEXT,
  inspector     TEXT REFERENCES users(login),
  outcome       TEXT CHECK (outcome IN ('passed','failed','absent')),
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX appointment_case ON appointment(case_id);
-- Waiting requests by their response time: those past it are an anomaly.
CREATE INDEX appointment_waiting ON appointment(response_due, office_region)
  WHERE status = 'requested';
CREATE INDEX appointment_office ON appointment(office, status, response_due);
CREATE INDEX appointment_inspector ON appointment(inspector, day) WHERE inspector IS NOT NULL;
-- Every version an appointment has had (request, answer, each reschedule,
-- the outcome, a cancellation), for its history.
CREATE TABLE appointment_version (
  appointment INTEGER NOT NULL REFERENCES appointment(id),
  version     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  by_login    TEXT NOT NULL,
  action      TEXT NOT NULL,
  status      TEXT NOT NULL,
  day         TEXT,
  time_from   TEXT,
  time_to     TEXT,
  inspector   TEXT,
  outcome     TEXT,
  note        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (appointment, version)
) WITHOUT ROWID;

-- What the applicant has been told, and how (告知): the moments the law
-- says the applicant must be told (acceptance, refusal, a supplement notice,
-- a suspension and its period, an extension, the decision, the delivery),
-- each recorded when the office tells them. Each row has its event "tell".
CREATE TABLE case_notice (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES cases(id),
  moment   TEXT NOT NULL CHECK (moment IN ('accept', 'refuse', 'supplement', 'suspend',
                                           'extend', 'decision', 'delivery')),
  how      TEXT NOT NULL CHECK (how IN ('phone', 'sms', 'person', 'post', 'online')),
  at       TEXT NOT NULL,
  by_login TEXT NOT NULL,
  note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_notice_case ON case_notice(case_id, id);

-- Saved queries (query save|list|run|delete): a read-only command line
-- kept under a name for its owner, so that a weekly pull is one word in a
-- cron line. words holds the command's words, one a line. A supervisor's
-- query may be shared with the users of their region (region: the owner's
-- region when shared, '' otherwise); whoever runs it does so with their own
-- rights and sight.
CREATE TABLE saved_query (
  owner    TEXT NOT NULL,
  name     TEXT NOT NULL,
  words    TEXT NOT NULL,
  region   TEXT NOT NULL DEFAULT '',
  created  TEXT NOT NULL,
  PRIMARY KEY (owner, name)
) WITHOUT ROWID;
CREATE INDEX saved_query_shared ON saved_query(region, name) WHERE region <> '';
