/*
 * Papers to hand over; see paper.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "case.h"
#include "conv.h"
#include "exitcode.h"
#include "i18n.h"
#include "paper.h"
#include "store.h"
#include "tcase.h"

const char *const paper_kinds[PAPER_KINDS + 1] = {
	"accept", "supplement", "refuse", "delivery", NULL
};

static const char *const titles[PAPER_KINDS] = {
	"受理通知书", "补正材料一次性告知书", "不予受理决定书", "送达回证"
};
/* The action whose event the paper tells of. */
static const char *const moments[PAPER_KINDS] = { "accept", "supplement", "refuse", "complete" };

static int
kind_index(const char *kind)
{
	int i;

	for (i = 0; i < PAPER_KINDS; i++)
		if (kind && strcmp(paper_kinds[i], kind) == 0)
			return i;
	return -1;
}

const char *
paper_title(const char *kind)
{
	int i = kind_index(kind);

	return i < 0 ? kind : titles[i];
}

struct last {
	char at[PAPER_KINDS][20];
	char note[PAPER_KINDS][512];
};

static int
last_event(void *arg, const struct event *e)
{
	struct last *l = arg;
	int i;

	for (i = 0; i < PAPER_KINDS; i++)
		if (strcmp(e->action, moments[i]) == 0) {
			snprintf(l->at[i], sizeof l->at[i], "%s", e->at);
			snprintf(l->note[i], sizeof l->note[i], "%s", e->note);
		}
	return 0;
}

static int
read_case(struct session *s, const char *no, struct tcase *c, struct last *l, char **cause)
{
	int rc;

	memset(l, 0, sizeof *l);
	if ((rc = case_get(s, no, c, cause)) != 0)
		return rc;
	if (store_event_each_of_case(s->st, c->id, last_event, l) < 0) {
		set_cause(cause, _("cannot read case '%s': %s"), no, store_error(s->st));
		tcase_release(c);
		return EXIT_INTERNAL;
	}
	return 0;
}

int
paper_available(struct session *s, const char *no, int avail[PAPER_KINDS], char **cause)
{
	struct tcase c;
	struct last l;
	int i, rc;

	if ((rc = read_case(s, no, &c, &l, cause)) != 0)
		return rc;
	for (i = 0; i < PAPER_KINDS; i++)
		avail[i] = l.at[i][0] != '\0';
	tcase_release(&c);
	return 0;
}

static int
closing(const char *s)
{
	static const char *const marks[] = { "，", "。", "、", "；", "：", "）", "”", "！", "？", NULL };
	int i;

	for (i = 0; marks[i]; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return 1;
	return 0;
}

/* Append text wrapped at width display columns, each line indented by ind. */
static void
wrap(struct sb *out, const char *text, int width, int ind)
{
	const char *p = text;

	while (*p) {
		int w = 0;
		const char *q = p, *cut = p;

		while (*q && *q != '\n') {
			int len = ((unsigned char)*q < 0x80) ? 1 : ((unsigned char)*q >= 0xf0) ? 4 :
			    ((unsigned char)*q >= 0xe0) ? 3 : 2;
			int cw = len >= 3 ? 2 : 1;

			if (w + cw > width - ind)
				break;
			w += cw;
			q += len;
			cut = q;
		}
		/* No line begins with a closing mark (，。、；：）”): the character
		 * before it moves down with it. */
		if (*cut && *cut != '\n' && cut > p && closing(cut)) {
			const char *b = cut - 1;

			while (b > p && ((unsigned char)*b & 0xc0) == 0x80)
				b--;
			if (b > p)
				cut = b;
		}
		sb_addf(out, "%*s%.*s\n", ind, "", (int)(cut - p), p);
		p = cut;
		if (*p == '\n')
			p++;
		if (cut == p && *p && *p != '\n' && w == 0)
			p++;	/* a character wider than the line: never loop */
	}
}

/* A line centred in width columns. */
static void
centre(struct sb *out, const char *text, int width)
{
	int w = utf8_width(text), pad = (width - w) / 2;

	sb_addf(out, "%*s%s\n", pad > 0 ? pad : 0, "", text);
}

struct mats {
	struct sb *out;
	unsigned long long have;
	int width, n;
};

static int
missing(void *arg, int seq, const char *name, int required, int secondary)
{
	struct mats *m = arg;
	char line[600];

	(void)secondary;
	if (required && !(m->have & (1ULL << seq))) {
		snprintf(line, sizeof line, "%d. %s", ++m->n, name);
		wrap(m->out, line, m->width, 4);
	}
	return 0;
}

int
paper_text(struct session *s, const char *no, const char *kind, int width, struct sb *out,
    char **cause)
{
	struct tcase c;
	struct last l;
	char line[1200], date[11], lang[8];
	int k = kind_index(kind), rc;

	if (k < 0) {
		set_cause(cause, _("expected a paper: accept, supplement, refuse or delivery, not '%s'"),
		    kind ? kind : "");
		return EXIT_INVALID;
	}
	if (width < 32 || width > 200) {
		set_cause(cause, "%s", _("--width: expected 32 to 200 columns"));
		return EXIT_INVALID;
	}
	if ((rc = read_case(s, no, &c, &l, cause)) != 0)
		return rc;
	if (l.at[k][0] == '\0') {
		set_cause(cause, _("case '%s' has no %s yet: nothing has happened that it records"),
		    no, titles[k]);
		tcase_release(&c);
		return EXIT_CONFLICT;
	}
	/* The office's document: in Chinese, whoever prints it. */
	snprintf(lang, sizeof lang, "%s", i18n_lang());
	i18n_set_lang("zh");
	snprintf(date, sizeof date, "%.10s", l.at[k]);
	centre(out, c.office_name, width);
	centre(out, titles[k], width);
	snprintf(line, sizeof line, "（办件编号 %s）", c.no);
	centre(out, line, width);
	sb_addc(out, '\n');
	snprintf(line, sizeof line, "%s（%s）：", c.applicant_name, c.applicant);
	wrap(out, line, width, 0);
	switch (k) {
	case 0:
		snprintf(line, sizeof line, "你（单位）于 %s 提出的“%s”申请，材料齐全、符合法定形式，"
		    "根据《中华人民共和国行政许可法》第三十二条的规定，本机关决定予以受理。"
		    "本机关将在 %d 个工作日内作出决定，截止 %s（法定节假日不计算在内）。",
		    c.submitted, c.item_name, tcase_limit(&c), c.due);
		wrap(out, line, width, 2);
		break;
	case 1: {
		struct mats m = { out, tcase_material_set(c.materials), width, 0 };

		snprintf(line, sizeof line, "你（单位）于 %s 提出的“%s”申请，经审查，申请材料不齐全"
		    "或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第四项的规定，"
		    "现一次性告知你（单位）需要补正的全部内容：", c.submitted, c.item_name);
		wrap(out, line, width, 2);
		store_material_each(s->st, c.item, missing, &m);
		if (m.n == 0)
			wrap(out, l.note[k], width, 4);
		wrap(out, "请补正后重新提交。补正期间不计入办理时限。", width, 2);
		break;
	}
	case 2:
		snprintf(line, sizeof line, "你（单位）于 %s 提出的“%s”申请，经审查，依照《中华人民"
		    "共和国行政许可法》第三十二条的规定，本机关决定不予受理。理由：%s", c.submitted,
		    c.item_name, l.note[k]);
		wrap(out, line, width, 2);
		wrap(out, "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月"
		    "内依法提起行政诉讼。", width, 2);
		break;
	default:
		snprintf(line, sizeof line, "送达文书：“%s”审批结果（%s，%s 作出）。送达方式：直接送达。"
		    "送达时间：%.16s。", c.item_name, tcase_result_label(c.result),
		    *c.decided ? c.decided : "-", l.at[k]);
		wrap(out, line, width, 2);
		sb_addc(out, '\n');
		wrap(out, "受送达人（签名）：____________  日期：________", width, 2);
		wrap(out, "送达人（签名）：  ____________  日期：________", width, 2);
		break;
	}
	sb_addc(out, '\n');
	snprintf(line, sizeof line, "%s（印章）", c.office_name);
	sb_addf(out, "%*s%s\n", width - utf8_width(line) > 0 ? width - utf8_width(line) : 0, "",
	    line);
	sb_addf(out, "%*s%s\n", width - 10 > 0 ? width - 10 : 0, "", date);
	i18n_set_lang(lang);
	tcase_release(&c);
	return 0;
}

static void
pdf_error(HPDF_STATUS err, HPDF_STATUS detail, void *arg)
{
	(void)detail;
	*(HPDF_STATUS *)arg = err;
}

int
paper_pdf(struct session *s, const char *no, const char *kind, struct sb *out, char **cause)
{
	const int width = 72;	/* columns at 11 pt: 396 pt of the 451 between margins */
	const float size = 11, lead = 17, left = 90, top = 770, bottom = 72;
	struct sb text = SB_INIT, gb = SB_INIT;
	HPDF_STATUS err = 0;
	HPDF_Doc pdf;
	HPDF_Page page = NULL;
	HPDF_Font font;
	struct conv cv;
	const char *p;
	float y = 0;
	int rc;

	if ((rc = paper_text(s, no, kind, width, &text, cause)) != 0)
		return rc;
	if (conv_open(&cv, "UTF-8", "GB18030") != 0 || (pdf = HPDF_New(pdf_error, &err)) == NULL) {
		set_cause(cause, "%s", _("cannot make a PDF here"));
		sb_release(&text);
		return EXIT_INTERNAL;
	}
	HPDF_UseCNSFonts(pdf);
	HPDF_UseCNSEncodings(pdf);
	font = HPDF_GetFont(pdf, "SimSun", "GBK-EUC-H");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "tongban");
	for (p = text.buf; *p && err == 0; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (page == NULL || y < bottom) {
			if (page != NULL)
				HPDF_Page_EndText(page);
			page = HPDF_AddPage(pdf);
			HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
			HPDF_Page_BeginText(page);
			HPDF_Page_SetFontAndSize(page, font, size);
			y = top;
		}
		sb_reset(&gb);
		conv_string(&cv, p, n, &gb, CONV_REPLACE, NULL);
		HPDF_Page_TextOut(page, left, y, gb.buf ? gb.buf : "");
		y -= lead;
		p += n + (nl != NULL);
	}
	if (page != NULL)
		HPDF_Page_EndText(page);
	if (err == 0 && HPDF_SaveToStream(pdf) == HPDF_OK) {
		HPDF_UINT32 size_all = HPDF_GetStreamSize(pdf), got;
		char buf[8192];

		HPDF_ResetStream(pdf);
		while (size_all > 0) {
			got = sizeof buf < size_all ? sizeof buf : size_all;
			if (HPDF_ReadFromStream(pdf, (HPDF_BYTE *)buf, &got) != HPDF_OK &&
			    got == 0)
				break;
			sb_add(out, buf, got);
			size_all -= got;
		}
	} else
		err = err ? err : 1;
	HPDF_Free(pdf);
	conv_close(&cv);
	sb_release(&text);
	sb_release(&gb);
	if (err != 0) {
		set_cause(cause, _("cannot make the PDF (libharu error %#lx)"), (unsigned long)err);
		return EXIT_INTERNAL;
	}
	return 0;
}
