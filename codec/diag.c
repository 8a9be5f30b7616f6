/* diag.c - the diagnostic list every decoder and validator appends to. */
#include "m6codec.h"

/* A full list makes room for an error by giving up its newest note, so
 * that a flood of notes never hides why a packet is invalid. */
static struct m6_diag *make_room(struct m6_diags *d, uint8_t severity)
{
	if (d->dropped < UINT16_MAX)
		d->dropped++;
	if (severity != M6_SEV_ERROR)
		return NULL;
	for (int i = M6_MAX_DIAGS - 1; i >= 0; i--)
		if (d->d[i].severity == M6_SEV_NOTE)
			return &d->d[i];
	return NULL;
}

struct m6_diag *m6_diag_add(struct m6_diags *d, uint8_t reason, uint8_t severity,
			    uint8_t action, uint8_t code, size_t offset)
{
	struct m6_diag *e = d->n < M6_MAX_DIAGS ? &d->d[d->n++] : make_room(d, severity);

	if (!e)
		return NULL;
	e->reason = reason;
	e->severity = severity;
	e->action = action;
	e->code = code;
	e->offset = (uint32_t)offset;
	e->pointer = 0;
	return e;
}

bool m6_diags_have_error(const struct m6_diags *d)
{
	for (uint16_t i = 0; i < d->n; i++)
		if (d->d[i].severity == M6_SEV_ERROR)
			return true;
	return false;
}
