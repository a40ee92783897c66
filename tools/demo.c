/*
 * Synthetic but realistic data. Every random choice comes from one
 * generator seeded by --seed, so two runs on one day give the same database.
 * Applicants are a pool derived from their index, so an applicant returns
 * with the same ID, name and phone whenever the pool draws them again.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "appoint.h"
#include "demo.h"
#include "i18n.h"
#include "ids.h"
#include "lifecycle.h"
#include "pw.h"
#include "session.h"
#include "tcase.h"
#include "util.h"

static const struct {
	const char *login, *name, *role, *region, *office, *lang, *what;
} demo_logins[] = {
	{ "admin", "系统管理员", "admin", "500000", NULL, "zh", "admin, city" },
	{ "supervisor1", "陈效能", "supervisor", "500000", NULL, "zh", "supervisor, whole city" },
	{ "supervisor2", "Li Jian", "supervisor", "500229", NULL, "en", "supervisor, 城口县 (English)" },
	{ "clerk1", "王芳", "clerk", "500229001", "500229001.township", "zh", "clerk, 城口县葛城街道便民服务中心" },
	{ "clerk2", "Zhao Min", "clerk", "500103", "500103.hall", "en", "clerk, 渝中区政务服务中心 (English)" },
	{ "approver1", "刘审批", "approver", "500229", "500229.market", "zh", "approver, 城口县市场监督管理局" },
	{ "approver2", "Sun Wei", "approver", "500103", "500103.market", "en", "approver, 渝中区市场监督管理局 (English)" },
	{ "approver3", "周市局", "approver", "500000", "500000.market", "zh", "approver, 重庆市市场监督管理局" },
	/* The heads (负责人) who approve extensions (art. 42). */
	{ "head1", "黄局长", "approver", "500229", "500229.market", "zh", "head (负责人), 城口县市场监督管理局" },
	{ "head2", "Qian Hui", "approver", "500103", "500103.market", "en", "head (负责人), 渝中区市场监督管理局 (English)" },
	/* The joint inspection of a hotel licence in 城口县 (item 000112004000,
	 * step 2: public security leads, fire and health give opinions), so
	 * that a parallel review, a dissent and its override can be tried. */
	{ "approver4", "赵治安", "approver", "500229", "500229.public_security", "zh", "approver, 城口县公安局 (parallel review: lead)" },
	{ "approver5", "钱消防", "approver", "500229", "500229.fire", "zh", "approver, 城口县消防救援支队 (parallel review)" },
	{ "approver6", "孙卫健", "approver", "500229", "500229.health", "zh", "approver, 城口县卫生健康委员会 (parallel review)" },
	/* The offices of 城口县 that the investment projects' stages bring
	 * together (demo_project.c); market, fire and health are above. */
	{ "devreform1", "郑发改", "approver", "500229", "500229.development_reform", "zh", "approver, 城口县发展和改革委员会 (projects)" },
	{ "planning1", "冯规划", "approver", "500229", "500229.planning", "zh", "approver, 城口县规划和自然资源局 (projects)" },
	{ "ecology1", "蒋生态", "approver", "500229", "500229.ecology", "zh", "approver, 城口县生态环境局 (projects)" },
	{ "water1", "韩水利", "approver", "500229", "500229.water", "zh", "approver, 城口县水利局 (projects)" },
	{ "housing1", "杨住建", "approver", "500229", "500229.housing", "zh", "approver, 城口县住房和城乡建设委员会 (projects)" },
	{ "airdefense1", "朱人防", "approver", "500229", "500229.civil_defense", "zh", "approver, 城口县国防动员办公室 (projects)" },
	{ "meteo1", "秦气象", "approver", "500229", "500229.meteorology", "zh", "approver, 城口县气象局 (projects)" },
	{ "urban1", "尤城管", "approver", "500229", "500229.urban_management", "zh", "approver, 城口县城市管理局 (projects)" },
	{ "transport1", "许交通", "approver", "500229", "500229.transport", "zh", "approver, 城口县交通运输委员会 (projects)" },
	{ "forestry1", "何林业", "approver", "500229", "500229.forestry", "zh", "approver, 城口县林业局 (projects)" },
	{ "education1", "吕教育", "approver", "500229", "500229.education", "zh", "approver, 城口县教育委员会 (projects)" },
	{ "civil1", "施民政", "approver", "500229", "500229.civil", "zh", "approver, 城口县民政局 (projects)" },
};
#define NLOGINS (sizeof demo_logins / sizeof demo_logins[0])

int
demo_users(struct store *st, char **cause)
{
	char now[20];
	time_t t = time(NULL);
	struct tm tm;
	size_t i;

	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", &tm);
	for (i = 0; i < NLOGINS; i++) {
		struct user u, have;
		char *hash;
		int rc;

		if (store_user_get(st, demo_logins[i].login, &have) == 0) {
			user_release(&have);
			continue;
		}
		memset(&u, 0, sizeof u);
		u.login = (char *)demo_logins[i].login;
		u.name = (char *)demo_logins[i].name;
		role_parse(demo_logins[i].role, &u.role);
		u.region = (char *)demo_logins[i].region;
		u.office = (char *)demo_logins[i].office;
		u.lang = (char *)demo_logins[i].lang;
		u.head = strncmp(u.login, "head", 4) == 0;
		hash = pw_hash(DEMO_PASSWORD);
		if (hash == NULL) {
			set_cause(cause, _("cannot hash the password"));
			return -1;
		}
		rc = store_user_add(st, &u, hash, now, cause);
		free(hash);
		if (rc != 0)
			return -1;
	}
	return 0;
}

const char *
demo_login_of_office(const char *office)
{
	size_t i;

	for (i = 0; i < NLOGINS; i++)
		if (demo_logins[i].office != NULL && strcmp(demo_logins[i].office, office) == 0 &&
		    strcmp(demo_logins[i].role, "approver") == 0 &&
		    strncmp(demo_logins[i].login, "head", 4) != 0)
			return demo_logins[i].login;
	return NULL;
}

void
demo_print_logins(FILE *fp, int port)
{
	size_t i;

	fprintf(fp, "Demo logins (password %s for all):\n", DEMO_PASSWORD);
	for (i = 0; i < NLOGINS; i++)
		fprintf(fp, "  ssh -p %d %-12s # %s\n", port, demo_logins[i].login, demo_logins[i].what);
	fprintf(fp, "  (e.g. ssh -p %d clerk1@localhost)\n", port);
}

/* Generator ---------------------------------------------------------------- */

static unsigned long long
mix(unsigned long long x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

struct rng {
	unsigned long long s;
};

static unsigned
rnd(struct rng *r, unsigned n)
{
	r->s = mix(r->s);
	return n ? (unsigned)((r->s >> 11) % n) : 0;
}

/* Percent chance. */
static int
chance(struct rng *r, unsigned pct)
{
	return rnd(r, 1000) < pct * 10;
}

/* Reference data in memory ------------------------------------------------ */

struct strv {
	char **v;
	size_t n, cap;
};

static void
strv_push(struct strv *s, const char *x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = xstrdup(x);
}

static void
strv_free(struct strv *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

struct district {
	char code[7];
	char *name;
	struct strv towns;	/* township codes */
	struct strv town_names;
};

struct ditem {
	char *code;
	char *kind;
	char *levels;
	int promised;
	int steps;		/* number of distinct step numbers */
	long fee;
	unsigned long long required, secondary;	/* material sets (bit n: material n) */
	char *mat[8];		/* names of materials 1..7 (NULL beyond) */
	const char *yes, *no;	/* the decision's words (tcase_result) */
	char akind[16];		/* who may apply: person, organisation or either */
};

struct world {
	struct district *d;
	size_t nd;
	size_t nd_real;		/* districts with NBS codes (no zones) */
	struct strv villages;	/* all villages, for picking one in a township */
	struct ditem *items;
	size_t nitems, capitems;
	const struct calendar *cal;
};

static int
add_district(void *arg, const struct region *r)
{
	struct world *w = arg;
	struct district *d;

	w->d = xreallocarray(w->d, w->nd + 1, sizeof *w->d);
	d = &w->d[w->nd++];
	memset(d, 0, sizeof *d);
	memcpy(d->code, r->code, 6);
	d->code[6] = '\0';
	d->name = xstrdup(r->name);
	return 0;
}

static int
add_town(void *arg, const struct region *r)
{
	struct world *w = arg;
	size_t i;

	for (i = 0; i < w->nd; i++)
		if (strncmp(w->d[i].code, r->code, 6) == 0) {
			strv_push(&w->d[i].towns, r->code);
			strv_push(&w->d[i].town_names, r->name);
			break;
		}
	return 0;
}

static int
add_village(void *arg, const struct region *r)
{
	strv_push(&((struct world *)arg)->villages, r->code);
	return 0;
}

struct step_count {
	int max;
};

static int
count_step(void *arg, int seq, const char *a, const char *b, const char *c, int lim)
{
	struct step_count *sc = arg;

	(void)a; (void)b; (void)c; (void)lim;
	if (seq > sc->max)
		sc->max = seq;
	return 0;
}

static int
add_item(void *arg, const struct item *it)
{
	struct world *w = arg;
	struct ditem *d;

	if (w->nitems == w->capitems) {
		w->capitems = w->capitems ? w->capitems * 2 : 64;
		w->items = xreallocarray(w->items, w->capitems, sizeof *w->items);
	}
	d = &w->items[w->nitems++];
	d->code = xstrdup(it->code);
	d->kind = xstrdup(it->dept_kind);
	d->levels = xstrdup(it->levels);
	d->promised = it->promised_days;
	d->fee = it->fee_cents;
	d->yes = tcase_result(it->power_type, it->name, 1);
	d->no = tcase_result(it->power_type, it->name, 0);
	d->steps = 0;
	snprintf(d->akind, sizeof d->akind, "%s", it->applicant_kind ? it->applicant_kind : "either");
	d->required = d->secondary = 0;
	memset(d->mat, 0, sizeof d->mat);
	return 0;
}

static int
add_material(void *arg, int seq, const char *name, int required, int secondary)
{
	struct ditem *d = arg;

	if (seq < 1 || seq > 7)
		return 0;
	d->mat[seq] = xstrdup(name);
	if (required)
		d->required |= 1ULL << seq;
	if (secondary)
		d->secondary |= 1ULL << seq;
	return 0;
}

/* The highest-numbered material of set (0 when empty). */
static int
last_of(unsigned long long set)
{
	int k;

	for (k = 63; k > 0; k--)
		if (set & (1ULL << k))
			return k;
	return 0;
}

/* "1,2,4" for a set of materials. */
static void
mat_text(unsigned long long set, char out[32])
{
	size_t n = 0;
	int k;

	out[0] = '\0';
	for (k = 1; k < 8 && n + 4 < 32; k++)
		if (set & (1ULL << k))
			n += (size_t)snprintf(out + n, 32 - n, "%s%d", n ? "," : "", k);
}

static void
world_free(struct world *w)
{
	size_t i;

	for (i = 0; i < w->nd; i++) {
		free(w->d[i].name);
		strv_free(&w->d[i].towns);
		strv_free(&w->d[i].town_names);
	}
	free(w->d);
	strv_free(&w->villages);
	for (i = 0; i < w->nitems; i++) {
		int k;

		free(w->items[i].code);
		free(w->items[i].kind);
		free(w->items[i].levels);
		for (k = 0; k < 8; k++)
			free(w->items[i].mat[k]);
	}
	free(w->items);
}

/* A random village of a township (villages are sorted by code). */
static const char *
village_of(struct world *w, struct rng *r, const char *town)
{
	size_t lo = 0, hi = w->villages.n, first, n = 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strncmp(w->villages.v[mid], town, 9) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (first + n < w->villages.n && strncmp(w->villages.v[first + n], town, 9) == 0)
		n++;
	return n ? w->villages.v[first + rnd(r, (unsigned)n)] : town;
}

/* Applicants ------------------------------------------------------------------- */

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
	"胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
	"邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶",
	"程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆",
	"范", "汪", "廖", "石", "金", "韦", "贾", "夏", "付", "方", "邹", "熊", "秦", "向"
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
	"涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "红", "建",
	"国", "文", "辉", "鹏", "林", "波", "宇", "浩", "凯", "秋", "春", "晓", "雪", "梅",
	"琳", "欣", "怡", "婷", "雨", "萍", "德", "福", "成", "志", "海", "燕", "龙", "飞",
	"川", "渝", "江", "山", "兵", "云", "莉", "瑶", "鑫", "蓉", "佳", "倩", "俊", "旭"
};
static const char *const trades[] = {
	"餐饮管理", "商贸", "建筑工程", "物流", "农业开发", "科技", "医药", "食品",
	"文化传媒", "旅游开发", "火锅", "装饰工程", "汽车销售", "电子商务", "养殖"
};
static const char *const brands[] = {
	"渝兴", "巴山", "嘉陵", "长江", "山城", "鑫源", "德润", "和顺", "金诚", "永辉",
	"红岩", "武陵", "大巴山", "三峡", "朝天门", "南山", "缙云", "华龙", "聚丰", "天府"
};

struct applicant {
	char id[19];
	char name[64];
	char phone[12];
	char region[13];
	const char *kind;
	size_t district;
};

static void
make_applicant(struct world *w, unsigned long long seed, long j, struct applicant *a)
{
	struct rng r = { mix(seed ^ (unsigned long long)j * 0x2545f4914f6cdd1dULL) };
	struct district *d;
	const char *town;
	char first17[18];
	size_t di;
	unsigned pick = rnd(&r, 100);

	/* Two demo districts are over-represented so their users see work. */
	if (pick < 8)
		di = 0;
	else if (pick < 16)
		di = 1;
	else
		di = 2 + rnd(&r, (unsigned)(w->nd_real - 2));
	d = &w->d[di];
	a->district = di;
	town = d->towns.n ? d->towns.v[pick < 4 ? 0 : rnd(&r, (unsigned)d->towns.n)] : d->code;
	snprintf(a->region, sizeof a->region, "%s", village_of(w, &r, town));
	if (rnd(&r, 100) < 8) {
		static const char oc[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		int k;

		a->kind = "org";
		snprintf(first17, sizeof first17, "91%.6s", d->code);
		for (k = 8; k < 17; k++)
			first17[k] = oc[rnd(&r, 31)];
		first17[17] = '\0';
		memcpy(a->id, first17, 17);
		a->id[17] = ids_org_check(first17);
		a->id[18] = '\0';
		snprintf(a->name, sizeof a->name, "重庆%s%s有限公司",
		    brands[rnd(&r, sizeof brands / sizeof brands[0])],
		    trades[rnd(&r, sizeof trades / sizeof trades[0])]);
	} else {
		int y = 1950 + (int)rnd(&r, 56), m = 1 + (int)rnd(&r, 12), dd = 1 + (int)rnd(&r, 28);

		a->kind = "person";
		snprintf(first17, sizeof first17, "%.6s%04d%02d%02d%03u", d->code, y, m, dd,
		    rnd(&r, 1000));
		memcpy(a->id, first17, 17);
		a->id[17] = ids_person_check(first17);
		a->id[18] = '\0';
		if (rnd(&r, 3) == 0)
			snprintf(a->name, sizeof a->name, "%s%s",
			    surnames[rnd(&r, sizeof surnames / sizeof surnames[0])],
			    given[rnd(&r, sizeof given / sizeof given[0])]);
		else
			snprintf(a->name, sizeof a->name, "%s%s%s",
			    surnames[rnd(&r, sizeof surnames / sizeof surnames[0])],
			    given[rnd(&r, sizeof given / sizeof given[0])],
			    given[rnd(&r, sizeof given / sizeof given[0])]);
	}
	{
		static const char *const heads[] = { "138", "139", "135", "136", "150", "151",
			"152", "158", "177", "180", "186", "189", "199" };

		snprintf(a->phone, sizeof a->phone, "%s%04u%04u",
		    heads[rnd(&r, sizeof heads / sizeof heads[0])], rnd(&r, 10000), rnd(&r, 10000));
	}
}

/* Cases -------------------------------------------------------------------- */

struct gen {
	struct store *st;
	struct world *w;
	struct rng r;
	unsigned long long pool_seed;
	int ev_day, ev_minute, ev_second;
	struct audit_chain chain;
	int today;
	int first_day;		/* 18 months back */
	int *seq;		/* per district and day */
	int ndays;
	char **cause;
	unsigned char *seen;	/* applicants inserted */
};

/* Times within a case only move forward, inside office hours. */
static void
stamp(struct gen *g, int day, char out[32])
{
	char d[11];

	if (day != g->ev_day) {
		g->ev_day = day;
		g->ev_minute = 8 * 60 + 30 + (int)rnd(&g->r, 120);
		g->ev_second = (int)rnd(&g->r, 60);
	} else if (g->ev_minute < 17 * 60 + 50) {
		g->ev_minute += 5 + (int)rnd(&g->r, 60);
		g->ev_second = (int)rnd(&g->r, 60);
	} else if (g->ev_second < 59)
		g->ev_second++;	/* the end of the day: still after the one before */
	if (g->ev_minute > 17 * 60 + 50)
		g->ev_minute = 17 * 60 + 50;
	clock_format_date(day, d);
	snprintf(out, 32, "%s %02d:%02d:%02d", d, g->ev_minute / 60 % 24, g->ev_minute % 60,
	    g->ev_second);
}

static int
event(struct gen *g, long long case_id, int day, const char *actor, const char *addr,
    const char *action, const char *from, const char *to, const char *note)
{
	struct event e;
	char at[32];

	memset(&e, 0, sizeof e);
	stamp(g, day, at);
	e.case_id = case_id;
	e.at = at;
	e.actor = (char *)actor;
	e.addr = (char *)addr;
	e.action = (char *)action;
	e.from_status = (char *)from;
	e.to_status = (char *)to;
	e.note = (char *)note;
	return audit_append(g->st, &g->chain, &e, g->cause);
}

/* Office competent for an item and an applicant region (see tcase_route). */
static void
route(const struct ditem *it, const char *region, char office[40], char oregion[13])
{
	if (strstr(it->levels, "township") != NULL && strlen(region) >= 9) {
		snprintf(oregion, 13, "%.9s", region);
		snprintf(office, 40, "%.9s.township", region);
	} else if (strstr(it->levels, "district") != NULL) {
		snprintf(oregion, 13, "%.6s", region);
		snprintf(office, 40, "%.6s.%s", region, it->kind);
	} else {
		snprintf(oregion, 13, "500000");
		snprintf(office, 40, "500000.%s", it->kind);
	}
}

static const char *const suspend_notes[] = {
	"组织专家评审（第四十五条），预计10个工作日", "现场检验检测（第四十五条），预计5个工作日",
	"依申请举行听证（第四十五条），预计15个工作日"
};
/* Each note's reason and period told to the applicant (art. 45). */
static const char *const suspend_reasons[] = { "expert_review", "testing", "hearing" };
static const int suspend_periods[] = { 10, 5, 15 };

/* The note of a `receive` of pledged material k, into note. */
static const char *
pledge_received(const struct ditem *it, int k, char note[512])
{
	snprintf(note, 512, "收到容缺材料（容缺受理）：%d. %s", k,
	    k > 0 && k < 8 && it->mat[k] ? it->mat[k] : "");
	return note;
}

/* "N. name" of material k of it, for a note. */
static void
mat_note(const struct ditem *it, int k, char out[320])
{
	snprintf(out, 320, "%d. %s", k, k > 0 && k < 8 && it->mat[k] ? it->mat[k] : "");
}

/*
 * One case with a history that obeys the lifecycle's rules: materials as
 * the item lists them; a supplement notice only at the acceptance stage,
 * within its 5 working days, naming the one material missing, and a
 * resupply of exactly it; 容缺受理 only of a secondary material, by a working
 * day within the promised limit, received (`receive`) before any decision;
 * an extension (art. 42) by the office's head (负责人) before the limit runs
 * out.
 */
static int
one_case(struct gen *g, long i)
{
	struct world *w = g->w;
	struct rng *r = &g->r;
	const struct calendar *cal = w->cal;
	struct applicant a;
	struct ditem *it;
	struct tcase c;
	char no[32], office[40], oregion[13], hall[13], sub[11], acc[11] = "", dec[11] = "",
	    fin[11] = "", paused[11] = "", warn[11], due[11], hallstaff[64], staff[64], head[64],
	    mats[32], pmats[32] = "", pdate[11] = "", note[512], m1[320];
	const char *status, *channel, *result = "";
	long j;
	int open, sday, aday = 0, dday = 0, fday = 0, pday = 0, limit, used = 0, paused_days = 0,
	    extra = 0, start, on_time = -1, hd, supp = 0, susp = 0, rc, miss = 0, pledge = 0,
	    pd = 0, rday = 0, nday = 0, rsday = 0, dlate = 0, dp, rvday = 0;
	char dwarn[11], ddue[11], sdue[11];
	unsigned long long have;
	unsigned p;
	size_t hall_di;

	/* Applicants come back: the pool grows more slowly than the cases. */
	j = (long)rnd(r, (unsigned)(i / 2 + 500));
	make_applicant(w, g->pool_seed, j, &a);
	g->ev_day = -1;
	if (!g->seen[j]) {
		int changed;

		if (store_applicant_put(g->st, a.id, a.kind, a.name, a.phone, a.region,
		    "2025-01-01 00:00:00", "demo", &changed, g->cause) != 0)
			return -1;
		g->seen[j] = 1;
	}
	/* An item for persons only is taken in for a person, one for
	 * organisations for an organisation (intake refuses the other kind). */
	{
		int tries = 0;

		do
			it = &w->items[rnd(r, (unsigned)w->nitems)];
		while (++tries < 50 && ((strcmp(it->akind, "person") == 0 &&
		    strcmp(a.kind, "person") != 0) || (strcmp(it->akind, "organisation") == 0 &&
		    strcmp(a.kind, "org") != 0)));
	}
	route(it, a.region, office, oregion);

	p = rnd(r, 100);
	channel = p < 35 ? "online" : p < 93 ? "window" : "self-service";
	hall_di = a.district;
	if (strcmp(channel, "online") == 0)
		snprintf(hall, sizeof hall, "%.6s", a.region);
	else if (strcmp(channel, "window") == 0 && chance(r, 8)) {
		/* 通办: taken in at a hall in another district. */
		hall_di = rnd(r, (unsigned)w->nd_real);
		snprintf(hall, sizeof hall, "%s", w->d[hall_di].code);
	} else if (chance(r, 25))
		snprintf(hall, sizeof hall, "%.6s", a.region);
	else
		snprintf(hall, sizeof hall, "%.9s", a.region);
	snprintf(hallstaff, sizeof hallstaff, "staff@%s.%s", hall, strlen(hall) == 9 ? "township" : "hall");
	snprintf(staff, sizeof staff, "staff@%s", office);
	snprintf(head, sizeof head, "head@%s", office);

	open = chance(r, 12);
	limit = it->promised;
	if (open) {
		unsigned lp = rnd(r, 100);
		int warn_t, t;

		/* The demo users' districts get their share of late work, so that
		 * their worklists, reminders and supervision have red to show. */
		if (a.district < 2 && lp >= 5 && chance(r, 12))
			lp = rnd(r, 5);

		p = rnd(r, 100);
		status = p < 8 ? "submitted" : p < 20 ? "accepted" : p < 26 ? "supplement" :
		    p < 76 ? "under_review" : p < 82 ? "suspended" : p < 96 ? "approved" : "denied";
		/* art. 32: before acceptance the clock is the 5 working days to
		 * answer; a supplement notice goes out within them. */
		if (strcmp(status, "submitted") == 0 || strcmp(status, "supplement") == 0)
			limit = 5;
		if (strcmp(status, "supplement") == 0 && lp < 5)
			lp = 5 + rnd(r, 95);
		/* Same threshold as clock_warn: yellow from warn_t days used. */
		warn_t = (limit * cal->warn_percent + 99) / 100;
		if (warn_t > limit - 1)
			warn_t = limit - 1;
		if (warn_t < 0)
			warn_t = 0;
		if (lp < 5)
			t = limit + 1 + (int)rnd(r, 8);			/* red */
		else if (lp < 15)
			t = warn_t + (int)rnd(r, (unsigned)(limit - warn_t + 1));	/* yellow */
		else
			t = warn_t > 0 ? (int)rnd(r, (unsigned)warn_t) : 0;	/* green */
		if (t >= warn_t && lp >= 15)
			t = warn_t - 1 < 0 ? 0 : warn_t - 1;
		used = t;
		/* The clock stands still in these states: the light is as of the pause. */
		if (strcmp(status, "supplement") == 0 || strcmp(status, "suspended") == 0 ||
		    strcmp(status, "approved") == 0 || strcmp(status, "denied") == 0)
			pday = clock_sub(cal, g->today, (int)rnd(r, 3));
		/* art. 44: some decided results wait long enough for the
		 * delivery clock to turn yellow or red. */
		if ((strcmp(status, "approved") == 0 || strcmp(status, "denied") == 0) &&
		    i % 10 == 3)
			pday = clock_sub(cal, g->today, 8 + (int)rnd(r, 6));
		/* art. 45: some special procedures run past the period told. */
		if (strcmp(status, "suspended") == 0 && i % 10 == 3)
			pday = clock_sub(cal, g->today, suspend_periods[i % 3] + 2);
		else
			pday = g->today;
		start = clock_sub(cal, pday, used);
		if (strcmp(status, "submitted") == 0 || strcmp(status, "supplement") == 0) {
			sday = start;
		} else {
			aday = start;
			sday = clock_sub(cal, aday, (int)rnd(r, 3));
		}
	} else {
		/* The history is drawn first, in working days from submission,
		 * then placed so that it ends by today. */
		int n_off = 0, rs_off = 0, a_off = 0, d_off = 0, f_off, span;

		p = rnd(r, 100);
		status = p < 92 ? "completed" : p < 96 ? "not_accepted" : "withdrawn";
		if (strcmp(status, "not_accepted") == 0)
			f_off = (int)rnd(r, 5);	/* art. 32: within the 5 working days */
		else {
			/* Some applications lack a material: one notice, the
			 * applicant brings it, and acceptance follows. */
			if (strcmp(status, "completed") == 0 && it->required && chance(r, 10)) {
				supp = 1;
				n_off = (int)rnd(r, 2);
				rs_off = n_off + 1 + (int)rnd(r, 5);
				a_off = rs_off + (int)rnd(r, 2);
			} else
				a_off = (int)rnd(r, 3);
			used = chance(r, 93) ? 1 + (int)rnd(r, (unsigned)limit) : limit + 1 + (int)rnd(r, 5);
			if (strcmp(status, "completed") == 0) {
				/* Some cases paused for a special procedure along the way. */
				if (chance(r, 5)) {
					susp = 1;
					paused_days += 2 + (int)rnd(r, 10);
				}
				/* art. 42: an extension, before the limit runs out (on
				 * the 4th working day of a limit of 4 or more). */
				if (limit >= 4 && chance(r, 3))
					extra = 10;
				d_off = a_off + used + paused_days;
				f_off = d_off + (int)rnd(r, 3);
				/* art. 44: a few results delivered past their 10
				 * working days, which makes the case late (chosen by
				 * the case's number, leaving the random draws as
				 * they were). */
				if (i % 50 == 7) {
					dlate = 1;
					f_off = d_off + TCASE_DELIVERY_DAYS + 1 + (int)rnd(r, 4);
				}
			} else
				f_off = a_off + 1 + (int)rnd(r, (unsigned)limit);
		}
		span = clock_workdays(cal, g->first_day, clock_sub(cal, g->today, f_off));
		sday = clock_add(cal, g->first_day, span > 0 ? (int)rnd(r, (unsigned)span) : 0);
		/* Windows are open on working days only. */
		if (!clock_is_workday(cal, sday))
			sday = clock_add(cal, sday, 1);
		if (strcmp(status, "not_accepted") != 0)
			aday = clock_add(cal, sday, a_off);
		if (supp) {
			nday = clock_add(cal, sday, n_off);
			rsday = clock_add(cal, sday, rs_off);
		}
		if (d_off)
			dday = clock_add(cal, sday, d_off);
		fday = clock_add(cal, sday, f_off);
	}
	if (open && strcmp(status, "supplement") == 0)
		supp = 1;
	/* The materials handed in: every required one, now and then the
	 * optional ones too; one missing under a notice, or pledged. */
	have = it->required;
	if (chance(r, 30)) {
		int k;

		for (k = 1; k < 8; k++)
			if (it->mat[k])
				have |= 1ULL << k;
	}
	if (supp) {
		miss = last_of(it->required);
		if (miss == 0)
			miss = 1;	/* no required one: the first is not in legal form */
		have &= ~(1ULL << miss);
	} else if (it->secondary && aday && chance(r, 8)) {
		pledge = last_of(it->secondary);
		have &= ~(1ULL << pledge);
	}
	/* Case number: the district of the hall and the day of submission. */
	hd = (int)hall_di;
	{
		int k = sday - g->first_day;
		long n;

		if (k < 0)
			k = 0;
		if (k >= g->ndays)
			k = g->ndays - 1;
		n = ++g->seq[hd * g->ndays + k];
		tcase_format_no(no, w->d[hd].code, sday, n);
	}
	clock_format_date(sday, sub);
	if (aday)
		clock_format_date(aday, acc);

	memset(&c, 0, sizeof c);
	c.no = no;
	c.item = it->code;
	c.applicant = a.id;
	c.applicant_name = a.name;
	c.applicant_phone = a.phone;
	c.applicant_region = a.region;
	c.channel = (char *)channel;
	c.hall_region = hall;
	c.office = office;
	c.office_region = oregion;
	c.status = (char *)status;
	c.submitted = sub;
	c.on_time = -1;
	c.version = 1;

	if (open) {
		if (strcmp(status, "supplement") == 0 || strcmp(status, "suspended") == 0)
			clock_format_date(pday, paused);
		if (strcmp(status, "approved") == 0 || strcmp(status, "denied") == 0) {
			dday = pday;
			clock_format_date(dday, dec);
			result = strcmp(status, "approved") == 0 ? it->yes : it->no;
		}
		start = aday ? aday : sday;
		if (strcmp(status, "suspended") == 0) {
			susp = 1;
			c.suspend_reason = (char *)suspend_reasons[i % 3];
			c.suspend_days = suspend_periods[i % 3];
			clock_format_date(clock_add(cal, pday, c.suspend_days), sdue);
			c.suspend_due = sdue;
		}
		c.open = 1;
		c.step = strcmp(status, "submitted") == 0 || strcmp(status, "supplement") == 0 ||
		    strcmp(status, "accepted") == 0 ? 1 :
		    strcmp(status, "approved") == 0 || strcmp(status, "denied") == 0 ? 3 : 2;
		if (supp) {
			c.prev_status = (char *)"submitted";
			nday = pday;
		} else if (susp)
			c.prev_status = (char *)"under_review";
	} else {
		start = aday ? aday : sday;
		if (strcmp(status, "completed") == 0) {
			on_time = used <= limit + extra && !dlate;
			clock_format_date(dday, dec);
			result = chance(r, 95) ? it->yes : it->no;
		}
		clock_format_date(fday, fin);
		c.step = 4;
	}
	/* A finished case keeps the reason and period of its suspension, as
	 * resume leaves them (the period ended with the case resumed). */
	if (susp && !open) {
		c.suspend_reason = (char *)suspend_reasons[i % 3];
		c.suspend_days = suspend_periods[i % 3];
	}
	/* 容缺受理: the pledged day is a working day within the promised limit;
	 * the material comes the next working day, before any decision, or
	 * (for some open cases) is still awaited, some of them past the day. */
	if (pledge) {
		int lim = limit < 3 ? limit : 3, next;

		pd = clock_add(cal, aday, 1 + (int)rnd(r, (unsigned)lim));
		clock_format_date(pd, pdate);
		snprintf(pmats, sizeof pmats, "%d", pledge);
		next = dday ? dday : susp && open ? pday : g->today;
		rday = clock_add(cal, aday, 1);
		if (rday > next)
			rday = aday;
		if (open && !dday && chance(r, 40))
			rday = 0;	/* outstanding */
		if (rday)
			have |= 1ULL << pledge;
		c.pledge_materials = pmats;
		c.pledge_date = pdate;
	}
	mat_text(have, mats);
	c.materials = mats;
	c.notices = supp ? TCASE_NOTICE_ACCEPTANCE : 0;
	c.accepted = acc;
	/* The current step began a little after acceptance, within the clock. */
	if (open && aday && used > 0) {
		char stp[11];

		clock_format_date(clock_add(cal, aday, (int)rnd(r, (unsigned)used + 1)), stp);
		c.step_started = xstrdup(stp);
	} else
		c.step_started = xstrdup(*acc ? acc : sub);
	c.decided = dec;
	c.finished = fin;
	c.paused_since = paused;
	c.limit_days = limit;
	c.paused_days = paused_days;
	c.extended_days = extra;
	{
		int wd, dd;

		/* The stored clock, as every action writes it (tcase_clock). */
		tcase_clock(cal, &c, &wd, &dd, &c.provisional);
		clock_format_date(wd, warn);
		clock_format_date(dd, due);
		if (tcase_delivery_clock(cal, &c, &wd, &dd, &dp) == 0) {
			clock_format_date(wd, dwarn);
			clock_format_date(dd, ddue);
			c.deliver_warn = dwarn;
			c.deliver_due = ddue;
		}
	}
	c.warn = warn;
	c.due = due;
	/* A decided case awaiting delivery has its verdict already, as
	 * do_decide gives it: decided by the due date. */
	if (open && dday)
		on_time = strcmp(dec, due) <= 0;
	c.on_time = on_time;
	c.fee_cents = strcmp(status, "completed") == 0 ? it->fee : 0;
	/* A few offices charge above the catalog (收费异常), as the seed found. */
	if (strcmp(status, "completed") == 0 && chance(r, 1) && rnd(r, 3) == 0)
		c.fee_cents = it->fee + 100 * (10 + (long)rnd(r, 90));
	c.result = (char *)result;
	rc = store_case_insert(g->st, &c, g->cause);
	free(c.step_started);
	if (rc != 0)
		return -1;
	if (c.fee_cents > it->fee) {
		char detail[64];

		snprintf(detail, sizeof detail, "%ld.%02ld > %ld.%02ld", c.fee_cents / 100,
		    c.fee_cents % 100, it->fee / 100, it->fee % 100);
		if (store_anomaly_add(g->st, c.id, "fee", fin, detail, g->cause) != 0)
			return -1;
	}

	/* The timeline, consistent with the status and the clock. */
	if (event(g, c.id, sday, strcmp(channel, "online") ? hallstaff : "online", "",
	    "submit", "", "submitted", strcmp(channel, "online") ? "窗口收件" : "网上申报") != 0)
		return -1;
	if (strcmp(status, "submitted") == 0)
		return 0;
	if (strcmp(status, "not_accepted") == 0)
		return event(g, c.id, fday, staff, "", "refuse", "submitted", "not_accepted",
		    "不属于本机关职权范围，告知向有关机关申请");
	if (supp) {
		/* art. 32: one notice naming what is missing, then exactly it. */
		mat_note(it, miss, m1);
		snprintf(note, sizeof note, "请补正：%s", m1);
		if (event(g, c.id, nday, staff, "", "supplement", "submitted", "supplement",
		    note) != 0)
			return -1;
		if (open)
			return 0;
		snprintf(note, sizeof note, "已收到：%s；%d个工作日不计时", m1,
		    clock_workdays(cal, nday, rsday));
		if (event(g, c.id, rsday, staff, "", "resupply", "supplement", "submitted",
		    note) != 0)
			return -1;
	}
	note[0] = '\0';
	if (pledge) {
		mat_note(it, pledge, m1);
		snprintf(note, sizeof note, "容缺受理，申请人承诺补交：%s，期限%s", m1, pdate);
	}
	/* Acceptance is the competent office's (a hall's clerk takes in, the
	 * office accepts); see access.c. */
	if (event(g, c.id, aday, staff, "", "accept", "submitted", "accepted", note) != 0)
		return -1;
	if (strcmp(status, "accepted") == 0)
		return rday ? event(g, c.id, rday, staff, "", "receive", "accepted", "accepted",
		    pledge_received(it, pledge, note)) : 0;
	rvday = open ? aday : clock_add(cal, aday, 1);
	if (event(g, c.id, rvday, staff, "", "review", "accepted", "under_review", "") != 0)
		return -1;
	if (rday && event(g, c.id, rday, staff, "", "receive", "under_review", "under_review",
	    pledge_received(it, pledge, note)) != 0)
		return -1;
	if (strcmp(status, "withdrawn") == 0)
		return event(g, c.id, fday, hallstaff, "", "withdraw", "under_review", "withdrawn",
		    "申请人书面申请撤回");
	/* The suspension lasts exactly the paused days the case counts
	 * (resume_clock: the working days from suspend to resume). */
	if (susp) {
		/* The note of the period stored with the case (the draw is kept,
		 * so that the rest of the history stays as it was). */
		(void)rnd(r, 3);
		if (event(g, c.id, open ? pday : rvday, staff, "", "suspend",
		    "under_review", "suspended", suspend_notes[i % 3]) != 0)
			return -1;
		if (open)
			return 0;
		rvday = clock_add(cal, rvday, paused_days);
		if (event(g, c.id, rvday, staff, "", "resume", "suspended",
		    "under_review", "") != 0)
			return -1;
	}
	if (strcmp(status, "under_review") == 0)
		return 0;
	if (extra) {
		/* The note as the action writes it (in Chinese). */
		snprintf(note, sizeof note, "延长%d个工作日（时限%d→%d），至%s，经本机关负责人批准：%s",
		    extra, limit, limit + extra, due, "情况复杂，需补充核查");
		if (event(g, c.id, rvday, head, "", "extend", "under_review",
		    "under_review", note) != 0)
			return -1;
	}
	if (strcmp(status, "denied") == 0 || (dday && strcmp(result, it->no) == 0)) {
		/* The note as do_decide writes it: the decision's words first. */
		snprintf(note, sizeof note, "%s；不符合法定条件", it->no);
		if (event(g, c.id, dday, staff, "", "deny", "under_review", "denied", note) != 0)
			return -1;
		if (!fday)
			return 0;
		return event(g, c.id, fday, hallstaff, "", "complete", "denied", "completed",
		    dlate ? "逾期送达决定书" : "送达决定书");
	}
	if (event(g, c.id, dday, staff, "", "approve", "under_review", "approved", it->yes) != 0)
		return -1;
	if (!fday)
		return 0;
	return event(g, c.id, fday, hallstaff, "", "complete", "approved", "completed",
	    dlate ? "证照逾期送达" : "证照已送达");
}

#define NPARALLEL 3	/* the parallel-review cases made through the lifecycle */

/* One action of a parallel-review case, through the lifecycle as login. */
static int
act_as_login(struct store *st, const struct calendar *cal, int day, const char *login,
    const char *no, const char *action, const char *verdict, const char *note, char **cause)
{
	struct session s;
	struct user u;
	struct act_args a;
	int rc;

	if (store_user_get(st, login, &u) != 0) {
		set_cause(cause, _("no demo user '%s'"), login);
		return -1;
	}
	session_init(&s, st, cal, &u, "demo");
	s.fixed_today = day;
	memset(&a, 0, sizeof a);
	a.action = action;
	a.verdict = verdict;
	a.note = note;
	a.expect_version = -1;
	a.fee_cents = -1;
	rc = lifecycle_act(&s, no, &a, cause);
	session_close(&s);
	user_release(&u);
	return rc == 0 ? 0 : -1;
}

/*
 * Three hotel licences of 城口县 in their joint inspection, made through the
 * lifecycle itself (so they obey every rule): taken in by clerk1, accepted
 * and reviewed by approver4 (城口县公安局, the lead); on the first every
 * opinion is pending; on the second the health commission agreed; on the
 * third it agreed too and the fire brigade dissented (不同意), so approver4,
 * after its own opinion, must override the dissent with a reason before
 * approving.
 */
static int
parallel_cases(struct store *st, const struct calendar *cal, int today, char **cause)
{
	static const char *const names[] = { "吴晓梅", "郑建国", "冯丽" };
	static const char *const ids[] = { "500229198503120026", "500229197711050035",
		"500229199208180041" };
	struct session s;
	struct user clerk;
	int day = clock_sub(cal, today, 2), k, rc = 0;

	/* Without the demo's users (a bulk run for tests and benchmarks),
	 * there is no one to act. */
	if (store_user_get(st, "clerk1", &clerk) != 0)
		return 0;
	for (k = 0; k < NPARALLEL && rc == 0; k++) {
		struct intake in;
		char no[32], id[19];

		/* The ID's check digit computed, not typed. */
		snprintf(id, sizeof id, "%.17s", ids[k]);
		id[17] = ids_person_check(id);
		id[18] = '\0';
		memset(&in, 0, sizeof in);
		in.item = "000112004000";
		in.applicant_id = id;
		in.name = names[k];
		in.phone = "13908230000";
		in.region = "500229001003";
		in.channel = "window";
		in.materials = "1,2,3,4,5";
		session_init(&s, st, cal, &clerk, "demo");
		s.fixed_today = day;
		rc = lifecycle_intake(&s, &in, no, cause) == 0 ? 0 : -1;
		session_close(&s);
		if (rc == 0)
			rc = act_as_login(st, cal, day, "approver4", no, "accept", NULL, NULL, cause);
		if (rc == 0)
			rc = act_as_login(st, cal, clock_add(cal, day, 1), "approver4", no, "review",
			    NULL, NULL, cause);
		if (rc == 0 && k >= 1)
			rc = act_as_login(st, cal, today, "approver6", no, "opinion", "agree",
			    "卫生条件符合要求", cause);
		if (rc == 0 && k == 2)
			rc = act_as_login(st, cal, today, "approver5", no, "opinion", "disagree",
			    "疏散通道宽度不足，不符合消防技术标准", cause);
	}
	user_release(&clerk);
	return rc;
}

#define NAPPOINT 6	/* the cases with inspection appointments (预约) */

/* A session as login on the day of moment t (a minute number). */
static int
session_as(struct session *s, struct store *st, const struct calendar *cal, const char *login,
    long t, struct user *u, char **cause)
{
	if (store_user_get(st, login, u) != 0) {
		set_cause(cause, _("no demo user '%s'"), login);
		return -1;
	}
	session_init(s, st, cal, u, "demo");
	s->fixed_today = (int)(t / CLOCK_MINUTES_PER_DAY);
	return 0;
}

/* One step of an appointment as login at moment t: "request" (arg: the
 * case number), "answer", "reschedule" (day, from, to, inspector), "done"
 * (outcome). */
struct appt_step {
	const char *login;
	int back;		/* working days before today */
	const char *time;	/* HH:MM */
	const char *verb;
	int day_back;		/* answer, reschedule: the visit's day */
	const char *from, *to, *inspector, *outcome, *note;
};

static long
demo_moment(const struct calendar *cal, int today, int back, const char *hhmm)
{
	int m = 0;

	clock_parse_hhmm(hhmm, &m);
	return (long)clock_sub(cal, today, back) * CLOCK_MINUTES_PER_DAY + m;
}

static int
appt_step(struct store *st, const struct calendar *cal, int today, const char *no,
    long long *id, const struct appt_step *a, char **cause)
{
	struct session s;
	struct user u;
	long t = demo_moment(cal, today, a->back, a->time);
	char day[11], due[17];
	int rc;

	if (session_as(&s, st, cal, a->login, t, &u, cause) != 0)
		return -1;
	clock_format_date(clock_sub(cal, today, a->day_back), day);
	if (strcmp(a->verb, "request") == 0) {
		struct appoint_request in;

		memset(&in, 0, sizeof in);
		in.case_no = no;
		in.channel = a->outcome ? a->outcome : "window";
		in.wish = a->note;
		in.contact = "13983000000";
		rc = appoint_request(&s, &in, t, id, due, cause);
	} else if (strcmp(a->verb, "answer") == 0 || strcmp(a->verb, "reschedule") == 0) {
		struct appoint_slot in;

		memset(&in, 0, sizeof in);
		in.day = day;
		in.from = a->from;
		in.to = a->to;
		in.inspector = a->inspector;
		in.note = a->note;
		rc = a->verb[0] == 'a' ? appoint_answer(&s, *id, &in, t, NULL, cause) :
		    appoint_reschedule(&s, *id, &in, t, cause);
	} else
		rc = appoint_done(&s, *id, a->outcome, a->note, t, cause);
	session_close(&s);
	user_release(&u);
	return rc == 0 ? 0 : -1;
}

/*
 * Inspections booked through the appointment service, so that they obey
 * its rules: in 城口县 (clerk1's township hall, the district market bureau
 * of approver1 and head1) a lift inspected on time and passed, one
 * answered late with its visit today, one waiting past its response time,
 * one rescheduled at the applicant's request and failed; in 渝中区 (clerk2,
 * approver2, English) a lift inspected and passed and a food shop's
 * request waiting within its time.
 */
static int
appointment_cases(struct store *st, const struct calendar *cal, int today, char **cause)
{
	static const struct {
		const char *clerk, *item, *id17, *name, *region;
		int back;		/* taken in this many working days ago */
		struct appt_step steps[4];
	} cases[NAPPOINT] = {
		{ "clerk1", "000101005000", "91500229MA60A0001", "城口县锦华物业管理有限公司",
		  "500229001003", 6, {
			{ "clerk1", 6, "09:30", "request", 0, NULL, NULL, NULL, "online", "上午均可" },
			{ "approver1", 6, "10:40", "answer", 4, "09:30", "10:30", "head1", NULL,
			  "已电话告知物业公司" },
			{ "head1", 4, "11:00", "done", 0, NULL, NULL, NULL, "passed",
			  "电梯安全装置齐全，检验合格" } } },
		{ "clerk1", "000101005000", "91500229MA60A0002", "城口县北城商贸有限公司",
		  "500229001003", 4, {
			{ "clerk1", 4, "15:00", "request", 0, NULL, NULL, NULL, "window", "尽快" },
			{ "approver1", 3, "14:20", "answer", 0, "14:00", "15:00", "approver1", NULL,
			  "检查人员外出，答复延迟" } } },
		{ "clerk1", "000101005000", "91500229MA60A0003", "城口县山水酒店有限公司",
		  "500229001003", 2, {
			{ "clerk1", 2, "10:00", "request", 0, NULL, NULL, NULL, "online",
			  "周四下午" } } },
		{ "clerk1", "000101005000", "91500229MA60A0004", "城口县明珠置业有限公司",
		  "500229001003", 7, {
			{ "clerk1", 7, "09:10", "request", 0, NULL, NULL, NULL, "window", NULL },
			{ "approver1", 7, "10:00", "answer", 5, "09:00", "10:00", "head1", NULL, NULL },
			{ "approver1", 6, "16:00", "reschedule", 2, "14:30", "15:30", NULL, NULL,
			  "申请人要求改期：设备维保未完成" },
			{ "head1", 2, "16:00", "done", 0, NULL, NULL, NULL, "failed",
			  "限速器校验报告过期，整改后重新申请" } } },
		{ "clerk2", "000101005000", "91500103MA60B0001", "重庆解放碑物业服务有限公司",
		  "500103003013", 3, {
			{ "clerk2", 3, "10:00", "request", 0, NULL, NULL, NULL, "window", NULL },
			{ "approver2", 3, "11:00", "answer", 1, "10:00", "11:00", "approver2", NULL,
			  NULL },
			{ "approver2", 1, "11:30", "done", 0, NULL, NULL, NULL, "passed",
			  "Lift and safety devices in order" } } },
		{ "clerk2", "000101001000", "91500103MA60B0002", "渝中区小面馆餐饮店",
		  "500103003013", 0, {
			{ "clerk2", 0, "09:00", "request", 0, NULL, NULL, NULL, "online",
			  "weekday mornings" } } },
	};
	struct user clerk;
	int k, j;

	/* Without the demo's users there is no one to act. */
	if (store_user_get(st, "clerk1", &clerk) != 0)
		return 0;
	user_release(&clerk);
	for (k = 0; k < NAPPOINT; k++) {
		struct session s;
		struct intake in;
		struct user u;
		char no[32], id[19];
		long long appt = 0;
		int rc;

		snprintf(id, sizeof id, "%.17s", cases[k].id17);
		id[17] = ids_org_check(id);
		id[18] = '\0';
		memset(&in, 0, sizeof in);
		in.item = cases[k].item;
		in.applicant_id = id;
		in.name = cases[k].name;
		in.phone = "13983000000";
		in.region = cases[k].region;
		in.channel = "window";
		in.materials = "1,2,3";
		if (session_as(&s, st, cal, cases[k].clerk,
		    demo_moment(cal, today, cases[k].back, "09:00"), &u, cause) != 0)
			return -1;
		/* Taken in before the first step of its appointment (09:00), whatever
		 * the time of day the demo runs at. */
		{
			char *was = getenv("TONGBAN_TIME") ? xstrdup(getenv("TONGBAN_TIME")) : NULL;

			setenv("TONGBAN_TIME", "08:45", 1);
			rc = lifecycle_intake(&s, &in, no, cause);
			if (was) {
				setenv("TONGBAN_TIME", was, 1);
				free(was);
			} else
				unsetenv("TONGBAN_TIME");
		}
		session_close(&s);
		user_release(&u);
		if (rc != 0)
			return -1;
		for (j = 0; j < 4 && cases[k].steps[j].login != NULL; j++)
			if (appt_step(st, cal, today, no, &appt, &cases[k].steps[j], cause) != 0)
				return -1;
	}
	return 0;
}

static int
seq_out(struct gen *g)
{
	int d, k;

	for (d = 0; d < (int)g->w->nd; d++)
		for (k = 0; k < g->ndays; k++)
			if (g->seq[d * g->ndays + k]) {
				char prefix[24];
				int y, m, dd;

				clock_ymd(g->first_day + k, &y, &m, &dd);
				snprintf(prefix, sizeof prefix, "%s-%04d%02d%02d", g->w->d[d].code, y, m, dd);
				if (store_case_seq_set(g->st, prefix, g->seq[d * g->ndays + k], g->cause) != 0)
					return -1;
			}
	return 0;
}

int
demo_cases(struct store *st, const struct calendar *cal, long n,
    unsigned long long seed, int today, FILE *log, char **cause)
{
	long nrand = n, nproj = 0;
	struct world w;
	struct gen g;
	char *indexes = NULL, today_s[11];
	long i;
	size_t k;
	int rc = -1;

	memset(&w, 0, sizeof w);
	memset(&g, 0, sizeof g);
	w.cal = cal;
	clock_format_date(today, today_s);
	store_region_each(st, "district", add_district, &w);
	if (w.nd < 3) {
		set_cause(cause, _("the regions are not loaded (run init first)"));
		goto out;
	}
	/* Put the demo users' districts first: 城口县 and 渝中区. */
	for (k = 0; k < w.nd; k++) {
		struct district t;

		if (strcmp(w.d[k].code, "500229") == 0) {
			t = w.d[0]; w.d[0] = w.d[k]; w.d[k] = t;
		}
	}
	for (k = 0; k < w.nd; k++) {
		struct district t;

		if (strcmp(w.d[k].code, "500103") == 0) {
			t = w.d[1]; w.d[1] = w.d[k]; w.d[k] = t;
		}
	}
	/* Zones (project codes 5001 9x) go last: applicants do not live in them. */
	w.nd_real = w.nd;
	for (k = 2; k < w.nd_real; k++)
		if (strncmp(w.d[k].code, "50019", 5) == 0) {
			struct district t = w.d[k];

			w.d[k] = w.d[w.nd_real - 1];
			w.d[w.nd_real - 1] = t;
			w.nd_real--;
			k--;
		}
	store_region_each(st, "township", add_town, &w);
	store_region_each(st, "village", add_village, &w);
	store_item_each(st, NULL, add_item, &w);
	if (w.nitems == 0) {
		set_cause(cause, _("the item catalog is empty (run init first)"));
		goto out;
	}
	for (k = 0; k < w.nitems; k++) {
		struct step_count sc = { 0 };

		store_step_each(st, w.items[k].code, count_step, &sc);
		w.items[k].steps = sc.max;
		store_material_each(st, w.items[k].code, add_material, &w.items[k]);
	}
	g.st = st;
	g.w = &w;
	g.r.s = mix(seed);
	g.pool_seed = mix(seed ^ 0x5eed5eedULL);
	/* Work is done on working days: the last one up to today anchors the clock. */
	g.today = clock_is_workday(cal, today) ? today : clock_sub(cal, today, 1);
	g.first_day = today - 548;
	g.ndays = 549;
	g.seq = xcalloc(w.nd * (size_t)g.ndays, sizeof *g.seq);
	g.seen = xcalloc((size_t)(n / 2 + 501), 1);
	g.cause = cause;
	if (store_begin(st, cause) != 0)
		goto out;
	if ((indexes = store_bulk_drop_indexes(st, cause)) == NULL) {
		store_rollback(st);
		goto out;
	}
	audit_chain_load(st, &g.chain);
	/* With the demo's users, NPARALLEL of the n cases are the parallel
	 * reviews made through the lifecycle below, NAPPOINT those with
	 * inspection appointments, and nproj those of the investment projects
	 * (when n leaves room for them). */
	{
		struct user u;

		if (n > NPARALLEL + NAPPOINT && store_user_get(st, "clerk1", &u) == 0) {
			user_release(&u);
			nrand = n - NPARALLEL - NAPPOINT;
			nproj = demo_project_cases(st, cal);
			if (nproj > 0 && nrand > nproj)
				nrand -= nproj;
			else
				nproj = 0;
		}
	}
	for (i = 0; i < nrand; i++) {
		if (one_case(&g, i) != 0) {
			store_rollback(st);
			goto out;
		}
		if (log && (i + 1) % 100000 == 0)
			fprintf(log, "  %ld cases\n", i + 1);
	}
	if (seq_out(&g) != 0 || audit_chain_save(st, &g.chain, cause) != 0 ||
	    store_bulk_restore_indexes(st, indexes, cause) != 0 ||
	    store_stat_rebuild(st, today_s, cause) != 0 || store_commit(st, cause) != 0) {
		store_rollback(st);
		goto out;
	}
	if (nrand < n && parallel_cases(st, cal, g.today, cause) != 0)
		goto out;
	if (nrand < n && appointment_cases(st, cal, g.today, cause) != 0)
		goto out;
	if (nproj > 0 && demo_projects(st, cal, g.today, cause) != 0)
		goto out;
	rc = 0;
out:
	free(indexes);
	free(g.seq);
	free(g.seen);
	world_free(&w);
	return rc;
}
