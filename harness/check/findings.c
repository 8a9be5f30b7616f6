/* findings.c - a finding or a "cannot judge" note, as a line
 * ("frame N[,M]: REQ-ID: expected ...; IUT ...") or a JSON object, and
 * the counts per requirement for the summary. */
#include <string.h>

#include "check_state.h"

/* "capture K, " before frame numbers when several captures are read. */
static void frame_ref(struct m6c_checker *c, uint64_t frame, uint64_t frame2)
{
	fprintf(c->out, "frame %llu", (unsigned long long)frame);
	if (frame2)
		fprintf(c->out, ",%llu", (unsigned long long)frame2);
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, out);
	}
	fputc('"', out);
}

static void count_req(struct m6c_counts *n, const char *id)
{
	for (int i = 0; i < n->n_reqs; i++)
		if (!strcmp(n->reqs[i].id, id)) {
			n->reqs[i].n++;
			return;
		}
	if (n->n_reqs < M6C_MAX_REQS) {
		snprintf(n->reqs[n->n_reqs].id, sizeof n->reqs[0].id, "%s", id);
		n->reqs[n->n_reqs++].n = 1;
	}
}

void m6c_finding(struct m6c_checker *c, uint64_t frame, uint64_t frame2, const char *req_id,
		 const char *expected, const char *iut_did)
{
	c->counts.findings++;
	count_req(&c->counts, req_id);
	if (c->o.json) {
		fprintf(c->out, "{\"capture\":%d,\"frame\":%llu,", c->file + 1, (unsigned long long)frame);
		if (frame2)
			fprintf(c->out, "\"answer_frame\":%llu,", (unsigned long long)frame2);
		fprintf(c->out, "\"requirement\":");
		json_string(c->out, req_id);
		fprintf(c->out, ",\"expected\":");
		json_string(c->out, expected);
		fprintf(c->out, ",\"iut\":");
		json_string(c->out, iut_did);
		fprintf(c->out, "}\n");
		return;
	}
	if (c->file > 0)
		fprintf(c->out, "capture %d, ", c->file + 1);
	frame_ref(c, frame, frame2);
	fprintf(c->out, ": %s: expected %s; IUT %s\n", req_id, expected, iut_did);
}

void m6c_cannot(struct m6c_checker *c, uint64_t frame, const char *why)
{
	c->counts.cannot++;
	if (c->o.json) {
		fprintf(c->out, "{\"capture\":%d,\"frame\":%llu,\"cannot_judge\":", c->file + 1,
			(unsigned long long)frame);
		json_string(c->out, why);
		fprintf(c->out, "}\n");
		return;
	}
	if (c->file > 0)
		fprintf(c->out, "capture %d, ", c->file + 1);
	frame_ref(c, frame, 0);
	fprintf(c->out, ": cannot judge: %s\n", why);
}
