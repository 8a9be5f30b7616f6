/* diff.c - a replayed answer against its recording, field by field (diff.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "m6print.h"

#define FIELDS_MAX 160

struct field {
	char name[48]; /* "mh.status", "options#1.authenticator", "ip#0.src" */
	char value[96];
};

struct fields {
	int n;
	struct field f[FIELDS_MAX];
};

/* One value of a verbose line at *p: a word or a quoted string. */
static const char *next_token(const char *p, char *out, size_t cap)
{
	size_t n = 0;
	while (*p == ' ')
		p++;
	bool quoted = *p == '"';
	if (quoted)
		p++;
	while (*p && *p != '\n' && (quoted ? *p != '"' : *p != ' ')) {
		if (n + 1 < cap)
			out[n++] = *p;
		p++;
	}
	if (quoted && *p == '"')
		p++;
	out[n] = '\0';
	return p;
}

/* Where a header or option sits is layout, not content (the link's
 * framing moves it): offsets are not compared, as m6_msg_compare does. */
static bool layout(const char *key)
{
	size_t n = strlen(key);
	return !strcmp(key, "offset") || (n > 7 && !strcmp(key + n - 7, "_offset"));
}

/* The fields of a decoded packet, from the codec's verbose listing. */
static void fields_of(const struct m6_pkt *pkt, struct fields *fs)
{
	static char text[32768];
	struct m6_buf b;
	struct m6_frame_info fi = { .frame = 0 };
	enum { SECTIONS = 9 };
	int count[SECTIONS] = { 0 };
	static const char *const sections[SECTIONS] = { "ip", "ext", "mh", "options", "icmp6", "nd", "data", "udp", "errors" };

	m6_buf_init(&b, text, sizeof text - 1, NULL);
	m6_print_verbose(&b, pkt, &fi);
	text[b.len] = '\0';
	fs->n = 0;
	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char sec[32], key[40], val[96];
		const char *p = next_token(line, sec, sizeof sec);
		if (!strcmp(sec, "frame") || !strcmp(sec, "eth") || !sec[0])
			continue;
		char first[8];
		next_token(next_token(p, first, sizeof first), first, sizeof first);
		if (!strcmp(sec, "options") && (!strcmp(first, "0") || !strcmp(first, "1")))
			continue; /* Pad1 and PadN are layout: options are counted without them */
		int k = 0;
		while (k < SECTIONS && strcmp(sections[k], sec))
			k++;
		char where[48];
		if (k < SECTIONS)
			snprintf(where, sizeof where, "%s#%d", sec, count[k]++);
		else
			snprintf(where, sizeof where, "%s", sec);
		if (!strcmp(sec, "valid")) { /* "valid true" */
			if (fs->n < FIELDS_MAX) {
				snprintf(fs->f[fs->n].name, sizeof fs->f[0].name, "%s", where);
				snprintf(fs->f[fs->n++].value, sizeof fs->f[0].value, "%.95s", p + (*p == ' '));
			}
			continue;
		}
		while (*p && *p != '\n' && fs->n < FIELDS_MAX) {
			p = next_token(p, key, sizeof key);
			p = next_token(p, val, sizeof val);
			if (!key[0])
				break;
			if (layout(key))
				continue;
			snprintf(fs->f[fs->n].name, sizeof fs->f[0].name, "%.20s.%.26s", where, key);
			snprintf(fs->f[fs->n++].value, sizeof fs->f[0].value, "%s", val);
		}
	}
}

static const char *value_of(const struct fields *fs, const char *name)
{
	for (int i = 0; i < fs->n; i++)
		if (!strcmp(fs->f[i].name, name))
			return fs->f[i].value;
	return NULL;
}

static const char *key_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot ? dot + 1 : name;
}

/* Compared by kind: present on both sides is the same. */
static bool by_kind(const char *key)
{
	return !strcmp(key, "checksum") || !strcmp(key, "token") || !strcmp(key, "nonce_index");
}

/* The validity of a field that is compared by validity, as "valid" or
 * "invalid"; NULL for the others. */
static const char *validity(const char *key, const struct m6r_side *s, const struct m6_pkt *ans)
{
	static struct m6_pkt req;
	bool ba = ans->has_mh && ans->msg.type == M6_MH_BA;
	if (!strcmp(key, "seq") && ba && ans->msg.u.ba.status != M6_BA_SEQ_OUT_OF_WINDOW) {
		/* the BU's number, moved by the fix-ups on a replay (fixup.h) */
		m6_pkt_decode(s->req, s->req_len, s->req_link, false, &req);
		bool ok = req.has_mh && req.msg.type == M6_MH_BU && req.msg.u.bu.seq == ans->msg.u.ba.seq;
		return ok ? "valid (the BU's sequence number)" : "invalid (not the BU's sequence number)";
	}
	if (!strcmp(key, "cookie")) {
		m6_pkt_decode(s->req, s->req_len, s->req_link, false, &req);
		bool ok = req.has_mh && (req.msg.type == M6_MH_HOTI || req.msg.type == M6_MH_COTI) &&
			  !memcmp(req.msg.u.ti.cookie, ans->msg.u.test.cookie, M6_COOKIE_LEN);
		return ok ? "valid (the request's cookie)" : "invalid (not the request's cookie)";
	}
	if (!strcmp(key, "authenticator")) {
		int ok = m6r_ba_verifies(s->kbm, ans, s->ans->bytes);
		return ok > 0 ? "valid (verifies with its run's Kbm)" : ok == 0 ? "invalid (does not verify)"
										  : "not judged (no Kbm)";
	}
	return NULL;
}

enum { PRESENT, ABSENT_FIRST, ABSENT_AGAIN };

/* Is the header or option that field i of a is in ("options#2") missing
 * from b altogether? ABSENT_FIRST at its first field (one->field then
 * names it, with the option's name), ABSENT_AGAIN at the others. */
static int absent_section(const struct fields *a, int i, const struct fields *b, struct m6r_diff *one)
{
	const char *name = a->f[i].name, *dot = strchr(name, '.');
	size_t len = dot ? (size_t)(dot - name) + 1 : strlen(name);
	for (int k = 0; k < b->n; k++)
		if (!strncmp(b->f[k].name, name, len))
			return PRESENT;
	if (i > 0 && !strncmp(a->f[i - 1].name, name, len))
		return ABSENT_AGAIN;
	const char *what = NULL;
	for (int k = i; k < a->n && !what && !strncmp(a->f[k].name, name, len); k++)
		if (!strcmp(key_of(a->f[k].name), "name"))
			what = a->f[k].value;
	snprintf(one->field, sizeof one->field, "%.*s%s%.20s%s", (int)(len - 1), name, what ? " (" : "",
		 what ? what : "", what ? ")" : "");
	return ABSENT_FIRST;
}

static void add(struct m6r_diff *d, int *n, int max, const struct m6r_diff *one)
{
	if (*n < max)
		d[(*n)++] = *one;
}

static struct m6_pkt *scratch(int i)
{
	static struct m6_pkt *p[2];
	if (!p[i])
		p[i] = malloc(sizeof *p[i]);
	return p[i];
}

void m6r_diff_answers(const struct m6r_side *rec, const struct m6r_side *got, struct m6r_diff *d, int *n, int max)
{
	static struct fields fr, fg;
	struct m6_pkt *pr = scratch(0), *pg = scratch(1);

	if (!pr || !pg)
		return;
	m6r_decode(rec->ans, pr);
	m6r_decode(got->ans, pg);
	fields_of(pr, &fr);
	fields_of(pg, &fg);
	struct m6r_diff one = { .kind = M6R_CHANGED, .rec_frame = rec->ans->number, .new_frame = got->ans->number };
	for (int i = 0; i < fr.n; i++) {
		const char *key = key_of(fr.f[i].name), *v = value_of(&fg, fr.f[i].name);
		int absent = v ? PRESENT : absent_section(&fr, i, &fg, &one);
		if (absent == ABSENT_AGAIN)
			continue; /* reported at its first field */
		if (absent == ABSENT_FIRST) {
			snprintf(one.rec, sizeof one.rec, "present");
			snprintf(one.got, sizeof one.got, "(absent)");
			snprintf(one.reqs, sizeof one.reqs, "%s", m6r_field_reqs(pr, one.field, key));
			add(d, n, max, &one);
			continue;
		}
		const char *vr = validity(key, rec, pr), *vg = v ? validity(key, got, pg) : NULL;
		bool differs = !v || (vr ? strcmp(vr, vg) : !by_kind(key) && strcmp(fr.f[i].value, v));
		if (!differs)
			continue;
		snprintf(one.field, sizeof one.field, "%s", fr.f[i].name);
		snprintf(one.rec, sizeof one.rec, "%s", vr ? vr : fr.f[i].value);
		snprintf(one.got, sizeof one.got, "%s", !v ? "(absent)" : vg ? vg : v);
		const char *section = fr.f[i].name;
		snprintf(one.reqs, sizeof one.reqs, "%s", m6r_field_reqs(pr, section, key));
		add(d, n, max, &one);
	}
	for (int i = 0; i < fg.n; i++)
		if (!value_of(&fr, fg.f[i].name)) {
			int absent = absent_section(&fg, i, &fr, &one);
			if (absent == ABSENT_AGAIN)
				continue;
			if (absent == PRESENT)
				snprintf(one.field, sizeof one.field, "%s", fg.f[i].name);
			snprintf(one.rec, sizeof one.rec, "(absent)");
			snprintf(one.got, sizeof one.got, "%s", absent == ABSENT_FIRST ? "present" : fg.f[i].value);
			snprintf(one.reqs, sizeof one.reqs, "%s", m6r_field_reqs(pg, fg.f[i].name, key_of(fg.f[i].name)));
			add(d, n, max, &one);
		}
}

bool m6r_same_kind(const struct m6_pkt *a, const struct m6_pkt *b)
{
	if (a->has_mh != b->has_mh || a->has_icmp6 != b->has_icmp6 || a->has_data != b->has_data || a->n_ip != b->n_ip)
		return false;
	if (a->has_mh)
		return a->msg.type == b->msg.type;
	if (a->has_icmp6)
		return a->icmp6.type == b->icmp6.type;
	return true;
}
