/*
 * faults_data.h - seeded faults of the data plane (faults.h): a home agent
 * or correspondent node that signals right and forwards wrong. Each works
 * on the frames the engine is given (frame_rx: an Ethernet frame, the new
 * length or 0 to drop it) or the packets it sends (packet_tx: an IPv6
 * packet, the new length or 0), through the codec; the tunnel's outer
 * header, which no checksum covers, is changed in place.
 */
#ifndef M6H_FAULTS_DATA_H
#define M6H_FAULTS_DATA_H

#include <stddef.h>
#include <stdint.h>

size_t m6h_tunnel_wrong_source(uint8_t *pkt, size_t len, size_t cap);
size_t m6h_tunnel_keeps_hlim(uint8_t *pkt, size_t len, size_t cap);
size_t m6h_tunnel_stale_coa_tx(uint8_t *pkt, size_t len, size_t cap);
size_t m6h_reverse_any_source(uint8_t *frame, size_t len, size_t cap);
size_t m6h_proxy_stops_at_refresh(uint8_t *frame, size_t len, size_t cap);
size_t m6h_proxy_unbound_rx(uint8_t *frame, size_t len, size_t cap);
size_t m6h_proxy_unbound_tx(uint8_t *pkt, size_t len, size_t cap);
size_t m6h_cn_echo_no_rh2(uint8_t *pkt, size_t len, size_t cap);
size_t m6h_dhaad_no_self(uint8_t *pkt, size_t len, size_t cap);
/* What every data fault's frame_rx learns first: the home registrations
 * seen (home address, first care-of address, BUs). */
size_t m6h_data_watch(uint8_t *frame, size_t len, size_t cap);

#endif
