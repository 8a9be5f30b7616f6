/*
 * faults.h - seeded faults for the reference IUT (`mip6kit refd --fault`),
 * each a realistic implementation bug. A fault rewrites what the correct
 * engine receives or what it sends, through the codec, so the reference
 * engine itself stays correct (or sets the engine up wrongly); `mip6kit run --mutation` runs the suites
 * against each fault and reports which cases catch it.
 */
#ifndef M6H_FAULTS_H
#define M6H_FAULTS_H

#include <stddef.h>
#include <stdint.h>

struct m6h_fault;
struct m6e_config;

/* The fault of that name, or NULL. */
const struct m6h_fault *m6h_fault_find(const char *name);
/* The i-th fault (NULL past the last), for listing and --mutation. */
const struct m6h_fault *m6h_fault_at(int i);
const char *m6h_fault_name(const struct m6h_fault *f);
const char *m6h_fault_text(const struct m6h_fault *f);

/* How the faulty node is set up: changes cfg before the engine is made. */
void m6h_fault_configure(const struct m6h_fault *f, struct m6e_config *cfg);

/*
 * What the faulty node does to a received Ethernet frame before the
 * engine sees it: returns the length of the frame to process (in buf,
 * cap bytes of room), or 0 to drop it.
 */
size_t m6h_fault_rx(const struct m6h_fault *f, uint8_t *buf, size_t len, size_t cap);
/* What it does to a reply (an IPv6 packet) before it is sent: the new
 * length, or 0 to send nothing. */
size_t m6h_fault_tx(const struct m6h_fault *f, uint8_t *pkt, size_t len, size_t cap);

#endif
