-- tongban schema for PostgreSQL: the translation of data/schema.sql (see
-- the comments there), the same tables, columns in the same order,
-- constraints and index names. The schema version is meta 'schema_version'
-- (SQLite: PRAGMA user_version). Run as one transaction, into a database
-- made with createdb -T template0 -E UTF8 --locale=C: text compares as
-- bytes there, as in SQLite. INTEGER PRIMARY KEY is an identity column; after
-- rows are copied with their ids, SELECT tb_reset_ids().

DO $$
BEGIN
  IF (SELECT datcollate FROM pg_database WHERE datname = current_database())
       NOT IN ('C', 'POSIX')
     OR pg_encoding_to_char((SELECT encoding FROM pg_database
                             WHERE datname = current_database())) <> 'UTF8' THEN
    RAISE EXCEPTION 'database %: tongban needs encoding UTF8 and collation C '
      '(createdb -T template0 -E UTF8 --locale=C)', current_database();
  END IF;
END $$;

-- Functions that make the same SQL text run on both stores ---------------

-- True when s is a date YYYY-MM-DD that clock_parse_date() accepts
-- (src/domain/clock.c: years 1900 to 2199), else false; never NULL.
CREATE FUNCTION tb_is_date(s text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN s IS NULL OR s !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN false
    ELSE substr(s, 1, 4)::integer BETWEEN 1900 AND 2199
     AND substr(s, 6, 2)::integer BETWEEN 1 AND 12
     AND substr(s, 9, 2)::integer BETWEEN 1 AND
       CASE substr(s, 6, 2)::integer
         WHEN 2 THEN CASE WHEN (substr(s, 1, 4)::integer % 4 = 0
                                AND substr(s, 1, 4)::integer % 100 <> 0)
                               OR substr(s, 1, 4)::integer % 400 = 0
                          THEN 29 ELSE 28 END
         WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30
         ELSE 31 END
  END
$$;

-- tb_light(due, warn, day): the light of a clock on day as enum light
-- (clock_light_at in src/domain/clock.c): 0 when a date is missing or
-- malformed, 3 red past due, 2 yellow from warn on, 1 green.
CREATE FUNCTION tb_light(due text, warn text, day text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN NOT (tb_is_date(due) AND tb_is_date(warn) AND tb_is_date(day)) THEN 0
    WHEN day COLLATE "C" > due COLLATE "C" THEN 3
    WHEN day COLLATE "C" >= warn COLLATE "C" THEN 2
    ELSE 1 END
$$;

-- SQLite's instr(): the 1-based place of needle in s, 0 when absent.
CREATE FUNCTION instr(s text, needle text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT strpos(s, needle) $$;

-- SQLite's group_concat(x, sep) and group_concat(x) (sep ','), as
-- string_agg (whose internal state only a superuser may reuse).
CREATE FUNCTION tb_concat(acc text, x text, sep text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN x IS NULL THEN acc WHEN acc IS NULL THEN x
              ELSE acc || COALESCE(sep, '') || x END
$$;
CREATE FUNCTION tb_concat(acc text, x text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT tb_concat(acc, x, ',') $$;
CREATE AGGREGATE group_concat(text, text) (
  SFUNC = tb_concat, STYPE = text, PARALLEL = SAFE);
CREATE AGGREGATE group_concat(text) (
  SFUNC = tb_concat, STYPE = text, PARALLEL = SAFE);

-- Every identity sequence on from its table's largest id (after rows were
-- copied with their ids: the audit chain, tongban migrate). Returns the
-- number of sequences set.
CREATE FUNCTION tb_reset_ids() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  k integer := 0;
BEGIN
  FOR r IN SELECT c.table_name, c.column_name FROM information_schema.columns c
           WHERE c.table_schema = current_schema() AND c.is_identity = 'YES'
  LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), '
                   'COALESCE(max(%I), 0) + 1, false) FROM %I',
                   r.table_name, r.column_name, r.column_name, r.table_name);
    k := k + 1;
  END LOOP;
  RETURN k;
END $$;

-- Tables ---------------------------------------------------------------

CREATE TABLE meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO meta(key, value) VALUES ('schema_version', '22');

-- Administrative divisions; a region's subtree is a code range.
CREATE TABLE region (
  code   text PRIMARY KEY,
  name   text NOT NULL,
  level  text NOT NULL CHECK (level IN ('city','district','township','village')),
  parent text REFERENCES region(code) DEFERRABLE INITIALLY DEFERRED,
  zone   integer NOT NULL DEFAULT 0,    -- 1 for a development zone
  initials text NOT NULL DEFAULT ''     -- pinyin initials of the name
);
CREATE INDEX region_parent ON region(parent);
CREATE INDEX region_level ON region(level, code);

CREATE TABLE calendar (
  day     text PRIMARY KEY,
  kind    text NOT NULL CHECK (kind IN ('public_holiday','transfer_workday')),
  name_cn text NOT NULL DEFAULT '',
  name_en text NOT NULL DEFAULT ''
);

CREATE TABLE statutory_holiday (
  day     text NOT NULL,
  holiday text NOT NULL CHECK (holiday IN ('new_year','spring_festival','qingming',
            'labour_day','dragon_boat','mid_autumn','national_day')),
  name_cn text NOT NULL DEFAULT '',
  name_en text NOT NULL DEFAULT '',
  PRIMARY KEY (day, holiday)
);

CREATE TABLE dept_kind (
  kind            text PRIMARY KEY,
  city_name       text NOT NULL,
  district_suffix text NOT NULL,
  name_en         text NOT NULL,
  levels          text NOT NULL,
  county_suffix   text NOT NULL DEFAULT '',
  in_zones        integer NOT NULL DEFAULT 0
);

CREATE TABLE office (
  code   text PRIMARY KEY,
  name   text NOT NULL,
  kind   text NOT NULL REFERENCES dept_kind(kind),
  region text NOT NULL REFERENCES region(code),
  level  text NOT NULL CHECK (level IN ('city','district','township'))
);
CREATE INDEX office_region ON office(region, kind);

CREATE TABLE item (
  code           text PRIMARY KEY,
  name           text NOT NULL,
  name_en        text NOT NULL,
  power_type     text NOT NULL CHECK (power_type IN
                   ('licensing','confirmation','payment','other','public_service')),
  dept_kind      text NOT NULL REFERENCES dept_kind(kind),
  levels         text NOT NULL,
  statutory_days integer NOT NULL CHECK (statutory_days > 0),
  promised_days  integer NOT NULL CHECK (promised_days > 0 AND promised_days <= statutory_days),
  fee_cents      bigint NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  online_depth   integer NOT NULL CHECK (online_depth BETWEEN 1 AND 4),
  channels       text NOT NULL,
  guide          text NOT NULL DEFAULT '',
  applicant_kind text NOT NULL DEFAULT 'either' CHECK (applicant_kind IN
                   ('person','organisation','either'))
);

CREATE TABLE item_material (
  item      text NOT NULL REFERENCES item(code),
  seq       integer NOT NULL,
  name      text NOT NULL,
  required  integer NOT NULL DEFAULT 1,
  secondary integer NOT NULL DEFAULT 0 CHECK (secondary IN (0, 1) AND
                                              (secondary = 0 OR required = 1)),
  PRIMARY KEY (item, seq)
);

CREATE TABLE item_step (
  item       text NOT NULL REFERENCES item(code),
  seq        integer NOT NULL,
  name       text NOT NULL,
  name_en    text NOT NULL,
  dept_kind  text NOT NULL REFERENCES dept_kind(kind),
  limit_days integer NOT NULL CHECK (limit_days > 0),
  PRIMARY KEY (item, seq, dept_kind)
);

CREATE TABLE applicant (
  id     text PRIMARY KEY,             -- resident ID or unified social credit code
  kind   text NOT NULL CHECK (kind IN ('person','org')),
  name   text NOT NULL,
  phone  text NOT NULL DEFAULT '',
  region text NOT NULL REFERENCES region(code),
  version integer NOT NULL DEFAULT 1
);
CREATE TABLE applicant_version (
  applicant text NOT NULL REFERENCES applicant(id),
  version   integer NOT NULL,
  name      text NOT NULL,
  phone     text NOT NULL DEFAULT '',
  region    text NOT NULL,
  since     text NOT NULL,
  by_login  text NOT NULL,
  PRIMARY KEY (applicant, version)
);
CREATE INDEX applicant_version_name ON applicant_version(name);
CREATE INDEX applicant_version_phone ON applicant_version(phone);

CREATE TABLE users (
  login    text PRIMARY KEY,
  name     text NOT NULL DEFAULT '',
  role     text NOT NULL CHECK (role IN ('clerk','approver','supervisor','admin')),
  region   text NOT NULL REFERENCES region(code),
  office   text REFERENCES office(code),
  lang     text NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh','en')),
  encoding text NOT NULL DEFAULT 'utf-8' CHECK (encoding IN ('utf-8','gbk')),
  pwhash   text,
  disabled integer NOT NULL DEFAULT 0,
  head     integer NOT NULL DEFAULT 0 CHECK (head IN (0, 1) AND (head = 0 OR role = 'approver')),
  created  text NOT NULL
);

CREATE TABLE user_key (
  id      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  login   text NOT NULL REFERENCES users(login) ON DELETE CASCADE,
  type    text NOT NULL,
  blob    text NOT NULL,
  comment text NOT NULL DEFAULT '',
  added   text NOT NULL,
  UNIQUE (login, blob)
);

-- Cases (办件); dates are ISO YYYY-MM-DD text.
CREATE TABLE cases (
  id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  no             text NOT NULL UNIQUE,
  item           text NOT NULL REFERENCES item(code),
  applicant      text NOT NULL REFERENCES applicant(id),
  applicant_name text NOT NULL,
  applicant_phone text NOT NULL DEFAULT '',
  applicant_region text NOT NULL,
  channel        text NOT NULL CHECK (channel IN ('window','online','self-service')),
  hall_region    text NOT NULL,
  office         text NOT NULL REFERENCES office(code),
  office_region  text NOT NULL,
  status         text NOT NULL,
  open           integer NOT NULL,
  step           integer NOT NULL DEFAULT 0,
  submitted      text NOT NULL,
  accepted       text,
  decided        text,
  finished       text,
  limit_days     integer NOT NULL,
  paused_days    integer NOT NULL DEFAULT 0,
  extended_days  integer NOT NULL DEFAULT 0,
  paused_since   text,
  warn           text NOT NULL,
  due            text NOT NULL,
  on_time        integer,
  materials      text NOT NULL DEFAULT '',
  result         text NOT NULL DEFAULT '',
  fee_cents      bigint NOT NULL DEFAULT 0,
  prev_status    text,
  step_started   text,
  step_paused    integer NOT NULL DEFAULT 0,
  pledge_date    text,
  pledge_materials text NOT NULL DEFAULT '',
  pledge_due     text,
  notices        integer NOT NULL DEFAULT 0,
  deemed         integer NOT NULL DEFAULT 0,
  suspend_reason text NOT NULL DEFAULT '',
  suspend_days   integer NOT NULL DEFAULT 0,
  version        integer NOT NULL DEFAULT 1,
  yellow_from    text,
  red_from       text,
  provisional    integer NOT NULL DEFAULT 0,
  deliver_warn   text,
  deliver_due    text,
  suspend_due    text,
  assignee       text
);
CREATE INDEX cases_applicant ON cases(applicant);
-- A SQLite index ends with the rowid: the pages read in (due, warn, id) or
-- (submitted, id) order walk an index. PostgreSQL's do not, so the id is
-- written out; without it a page sorts every row of its last key (the
-- 11,594 cases of one day for the city's newest-first page at 1M cases).
CREATE INDEX cases_assignee ON cases(assignee, due, warn, id) WHERE open = 1 AND assignee IS NOT NULL;
CREATE INDEX cases_office_unassigned ON cases(office, due, warn, id)
  WHERE open = 1 AND assignee IS NULL;
CREATE INDEX cases_office_open ON cases(office, due, warn, id) WHERE open = 1;
CREATE INDEX cases_hall_handover ON cases(hall_region, due, warn, id)
  WHERE open = 1 AND status IN ('approved', 'denied');
CREATE INDEX cases_hall_handover_light ON cases(hall_region, office, red_from, yellow_from, id)
  WHERE open = 1 AND status IN ('approved', 'denied');
CREATE INDEX cases_light ON cases(open, red_from, yellow_from, id) WHERE open = 1;
CREATE INDEX cases_office_light ON cases(office, open, red_from, yellow_from, id) WHERE open = 1;
CREATE INDEX cases_office_yellow ON cases(office, open, yellow_from, red_from, id) WHERE open = 1;
CREATE INDEX cases_office_district_light
  ON cases(substr(office_region, 1, 6), open, red_from, yellow_from, id) WHERE open = 1;
CREATE INDEX cases_hall_district_light
  ON cases(substr(hall_region, 1, 6), open, red_from, yellow_from, id) WHERE open = 1;
CREATE INDEX cases_applicant_district_light
  ON cases(substr(applicant_region, 1, 6), open, red_from, yellow_from, id) WHERE open = 1;
CREATE INDEX cases_office_region ON cases(office_region, submitted, id);
CREATE INDEX cases_hall_region ON cases(hall_region, submitted, id);
CREATE INDEX cases_applicant_region ON cases(applicant_region);
CREATE INDEX cases_submitted ON cases(submitted, id);
CREATE INDEX cases_office_district ON cases(substr(office_region, 1, 6), submitted, id);
CREATE INDEX cases_hall_district ON cases(substr(hall_region, 1, 6), submitted, id);
CREATE INDEX cases_applicant_district ON cases(substr(applicant_region, 1, 6), submitted, id);
CREATE INDEX cases_office_township ON cases(substr(office_region, 1, 9), submitted, id);
CREATE INDEX cases_hall_township ON cases(substr(hall_region, 1, 9), submitted, id);
CREATE INDEX cases_applicant_township ON cases(substr(applicant_region, 1, 9), submitted, id);
CREATE INDEX cases_office_submitted ON cases(office, submitted, id);
CREATE INDEX cases_finished ON cases(finished) WHERE finished IS NOT NULL;
CREATE INDEX cases_pledge_due ON cases(pledge_due, office_region) WHERE pledge_due IS NOT NULL;
CREATE INDEX cases_suspend_due ON cases(suspend_due, office_region) WHERE suspend_due IS NOT NULL;

CREATE TABLE case_branch (
  case_id    bigint NOT NULL REFERENCES cases(id),
  step       integer NOT NULL,
  dept_kind  text NOT NULL,
  office     text NOT NULL REFERENCES office(code),
  limit_days integer NOT NULL,
  started    text NOT NULL,
  due        text NOT NULL,
  opinion    text,
  verdict    text,
  by_login   text,
  done_on    text,
  override    text,
  override_by text,
  override_on text,
  paused_days integer NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, step, dept_kind)
);
CREATE INDEX case_branch_pending ON case_branch(office, opinion, due);
CREATE INDEX case_branch_office ON case_branch(office, case_id);

CREATE TABLE draft (
  login   text NOT NULL REFERENCES users(login) ON DELETE CASCADE,
  kind    text NOT NULL,
  data    text NOT NULL,
  saved   text NOT NULL,
  PRIMARY KEY (login, kind)
);

-- The append-only record, a hash chain (src/domain/audit.c).
CREATE TABLE event (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  case_id     bigint NOT NULL,          -- a case, or 0 for supervision records
  subject     text NOT NULL DEFAULT '',
  at          text NOT NULL,
  actor       text NOT NULL,
  addr        text NOT NULL DEFAULT '',
  action      text NOT NULL,
  from_status text NOT NULL DEFAULT '',
  to_status   text NOT NULL DEFAULT '',
  note        text NOT NULL DEFAULT '',
  hash        text NOT NULL
);
CREATE INDEX event_case ON event(case_id, id);
CREATE INDEX event_subject ON event(subject, id) WHERE subject <> '';
-- SQLSTATE 23000, as SQLite's RAISE(ABORT) is a constraint error.
CREATE FUNCTION tb_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
  FOR EACH ROW EXECUTE FUNCTION tb_event_append_only();
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
  FOR EACH ROW EXECUTE FUNCTION tb_event_append_only();
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event
  FOR EACH STATEMENT EXECUTE FUNCTION tb_event_append_only();

-- Summary tables for supervision (src/service/stats.c).
CREATE TABLE stat_open (
  area     text NOT NULL,
  status   text NOT NULL,
  warn     text NOT NULL,
  due      text NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (area, status, warn, due)
);
CREATE TABLE stat_light (
  area     text NOT NULL,
  status   text NOT NULL,
  light    integer NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (area, status, light)
);
CREATE TABLE stat_frozen (
  area     text NOT NULL,
  status   text NOT NULL,
  light    integer NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (area, status, light)
);
CREATE TABLE stat_office (
  office   text NOT NULL,
  area     text NOT NULL,
  due      text NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (office, due)
);
CREATE INDEX stat_office_due ON stat_office(due);
CREATE TABLE stat_frozen_red (
  office   text NOT NULL,
  area     text NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (office)
);
CREATE TABLE stat_step (
  item     text NOT NULL,
  step     integer NOT NULL,
  district text NOT NULL,
  started  text NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (item, step, district, started)
);
CREATE TABLE stat_day (
  day      text NOT NULL,
  district text NOT NULL,
  received bigint NOT NULL DEFAULT 0,
  finished bigint NOT NULL DEFAULT 0,
  on_time  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, district)
);
CREATE TABLE stat_hall (
  day      text NOT NULL,
  hall     text NOT NULL,
  received bigint NOT NULL,
  PRIMARY KEY (day, hall)
);

CREATE TABLE anomaly (
  id      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases(id),
  kind    text NOT NULL,
  day     text NOT NULL,
  detail  text NOT NULL DEFAULT ''
);
CREATE INDEX anomaly_day ON anomaly(day);

CREATE TABLE supervision (
  id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  case_id    bigint REFERENCES cases(id),
  office     text NOT NULL REFERENCES office(code),
  area       text NOT NULL,
  note       text NOT NULL,
  due        text NOT NULL,
  status     text NOT NULL CHECK (status IN ('open','responded','closed')),
  response   text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created    text NOT NULL,
  responded  text,
  closed     text
);
CREATE INDEX supervision_office ON supervision(office, status);

CREATE TABLE complaint (
  id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  case_id    bigint REFERENCES cases(id),
  office     text NOT NULL REFERENCES office(code),
  area       text NOT NULL,
  text       text NOT NULL,
  status     text NOT NULL CHECK (status IN ('received','accepted','refused','answered','closed')),
  received   text NOT NULL,
  accept_due text NOT NULL,
  answer     text NOT NULL DEFAULT '',
  by_login   text NOT NULL,
  missing_material integer NOT NULL DEFAULT 0,
  handled    text
);
CREATE INDEX complaint_office ON complaint(office, status);
CREATE TABLE rating (
  id        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  case_id   bigint NOT NULL UNIQUE REFERENCES cases(id),
  office    text NOT NULL,
  area      text NOT NULL,
  level     integer NOT NULL CHECK (level BETWEEN 1 AND 5),
  comment   text NOT NULL DEFAULT '',
  day       text NOT NULL,
  rect_due  text,
  rect_status text,
  rect_note text NOT NULL DEFAULT '',
  rect_done text,
  callback  text NOT NULL DEFAULT ''
);
CREATE INDEX rating_office ON rating(office);

CREATE TABLE login_failure (
  login text NOT NULL,
  addr  text NOT NULL,
  at    bigint NOT NULL                 -- seconds since the epoch
);
CREATE INDEX login_failure_login ON login_failure(login, at);
CREATE INDEX login_failure_addr ON login_failure(addr, at);

CREATE TABLE case_seq (
  prefix text PRIMARY KEY,
  n      bigint NOT NULL
);

-- Investment projects under the "1+8" flowcharts.
CREATE TABLE flowchart (
  code       text PRIMARY KEY,
  name       text NOT NULL,
  name_en    text NOT NULL,
  total_days integer NOT NULL CHECK (total_days > 0),
  before     text NOT NULL DEFAULT '',
  seq        integer NOT NULL DEFAULT 0
);
CREATE TABLE flow_stage (
  flowchart  text NOT NULL REFERENCES flowchart(code),
  seq        integer NOT NULL,
  name       text NOT NULL,
  name_en    text NOT NULL,
  limit_days integer NOT NULL CHECK (limit_days > 0),
  joint      text NOT NULL DEFAULT '' CHECK (joint IN ('', 'survey', 'drawings', 'acceptance')),
  PRIMARY KEY (flowchart, seq)
);
CREATE TABLE flow_item (
  flowchart  text NOT NULL,
  stage      integer NOT NULL,
  item       text NOT NULL REFERENCES item(code),
  seq        integer NOT NULL,
  PRIMARY KEY (flowchart, stage, item)
);

CREATE TABLE project (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  no          text NOT NULL UNIQUE,
  flowchart   text NOT NULL REFERENCES flowchart(code),
  org_code    text NOT NULL,
  org_name    text NOT NULL,
  name        text NOT NULL,
  site        text NOT NULL,
  hall_region text NOT NULL,
  opened_by   text NOT NULL,
  opened      text NOT NULL,
  closed      text,
  status      text NOT NULL CHECK (status IN ('open', 'done', 'stopped', 'withdrawn')),
  stop_reason text NOT NULL DEFAULT '',
  stage       integer NOT NULL DEFAULT 1,
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX project_opened ON project(opened);
CREATE TABLE project_stage (
  project_id bigint NOT NULL REFERENCES project(id),
  seq        integer NOT NULL,
  opened     text NOT NULL,
  closed     text,
  PRIMARY KEY (project_id, seq)
);
CREATE TABLE project_case (
  project_id bigint NOT NULL REFERENCES project(id),
  stage      integer NOT NULL,
  case_id    bigint NOT NULL REFERENCES cases(id),
  PRIMARY KEY (project_id, stage, case_id)
);
CREATE INDEX project_case_case ON project_case(case_id);
CREATE TABLE project_joint (
  id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES project(id),
  stage      integer NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('survey', 'drawings', 'acceptance')),
  day        text NOT NULL,
  place      text NOT NULL,
  status     text NOT NULL CHECK (status IN ('scheduled', 'closed')),
  by_login   text NOT NULL,
  created    text NOT NULL,
  closed     text
);
CREATE INDEX project_joint_project ON project_joint(project_id, stage);
CREATE TABLE project_joint_office (
  joint_id  bigint NOT NULL REFERENCES project_joint(id),
  office    text NOT NULL REFERENCES office(code),
  case_id   bigint NOT NULL REFERENCES cases(id),
  findings  text,
  by_login  text,
  done_on   text,
  PRIMARY KEY (joint_id, office)
);

-- Inspection appointments (预约).
CREATE TABLE item_inspection (
  item           text PRIMARY KEY REFERENCES item(code),
  response_hours integer NOT NULL CHECK (response_hours BETWEEN 1 AND 40),
  what           text NOT NULL,
  what_en        text NOT NULL
);
CREATE TABLE appointment (
  id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  case_id       bigint NOT NULL REFERENCES cases(id),
  office        text NOT NULL REFERENCES office(code),
  office_region text NOT NULL,
  status        text NOT NULL CHECK (status IN ('requested','booked','done','cancelled')),
  channel       text NOT NULL CHECK (channel IN ('window','online','self-service')),
  wish          text NOT NULL DEFAULT '',
  contact       text NOT NULL DEFAULT '',
  requested     text NOT NULL,
  requested_by  text NOT NULL,
  response_due  text NOT NULL,
  answered      text,
  late          integer NOT NULL DEFAULT 0,
  day           text,
  time_from     text,
  time_to       text,
  inspector     text REFERENCES users(login),
  outcome       text CHECK (outcome IN ('passed','failed','absent')),
  version       integer NOT NULL DEFAULT 1
);
CREATE INDEX appointment_case ON appointment(case_id);
CREATE INDEX appointment_waiting ON appointment(response_due, office_region)
  WHERE status = 'requested';
CREATE INDEX appointment_office ON appointment(office, status, response_due);
CREATE INDEX appointment_inspector ON appointment(inspector, day) WHERE inspector IS NOT NULL;
CREATE TABLE appointment_version (
  appointment bigint NOT NULL REFERENCES appointment(id),
  version     integer NOT NULL,
  at          text NOT NULL,
  by_login    text NOT NULL,
  action      text NOT NULL,
  status      text NOT NULL,
  day         text,
  time_from   text,
  time_to     text,
  inspector   text,
  outcome     text,
  note        text NOT NULL DEFAULT '',
  PRIMARY KEY (appointment, version)
);

-- What the applicant has been told, and how (告知).
CREATE TABLE case_notice (
  id       bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  case_id  bigint NOT NULL REFERENCES cases(id),
  moment   text NOT NULL CHECK (moment IN ('accept', 'refuse', 'supplement', 'suspend',
                                           'extend', 'decision', 'delivery')),
  how      text NOT NULL CHECK (how IN ('phone', 'sms', 'person', 'post', 'online')),
  at       text NOT NULL,
  by_login text NOT NULL,
  note     text NOT NULL DEFAULT ''
);
CREATE INDEX case_notice_case ON case_notice(case_id, id);

-- Saved queries (query save|list|run|delete).
CREATE TABLE saved_query (
  owner    text NOT NULL,
  name     text NOT NULL,
  words    text NOT NULL,
  region   text NOT NULL DEFAULT '',
  created  text NOT NULL,
  PRIMARY KEY (owner, name)
);
CREATE INDEX saved_query_shared ON saved_query(region, name) WHERE region <> '';

-- SQLite counts a condition as 1 or 0, so sum(c.on_time = 1) counts the
-- rows where it holds; PostgreSQL's comparisons are boolean: the same sum
-- over booleans (NULL for no rows, as SQLite's sum).
CREATE FUNCTION tb_sum_bool(acc bigint, x boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(acc, 0) + CASE WHEN x THEN 1 ELSE 0 END
$$;
CREATE AGGREGATE sum(boolean) (SFUNC = tb_sum_bool, STYPE = bigint);
-- max() of a condition: 1 when it held for some row, else 0, a number as
-- in SQLite, so that max(a) + 2 * max(b) adds up.
CREATE FUNCTION tb_max_bool(acc integer, x boolean) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN x THEN 1 ELSE COALESCE(acc, 0) END
$$;
CREATE AGGREGATE max(boolean) (SFUNC = tb_max_bool, STYPE = integer);
