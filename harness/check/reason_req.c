/* reason_req.c - a codec validation reason's requirement row (reason_req.h). */
#include <stddef.h>

#include "m6codec.h"
#include "reason_req.h"

const char *m6c_reason_req(uint8_t reason)
{
	switch (reason) {
	case M6_R_BAD_CHECKSUM: return "MIP6-9.2-1";
	case M6_R_PAYLOAD_PROTO: return "MIP6-9.2-2";
	case M6_R_HDRLEN_SHORT: return "MIP6-9.2-3";
	case M6_R_UNKNOWN_MH_TYPE: return "MIP6-9.2-4";
	case M6_R_TRUNC_MH: return "MIP6-9.2-6";
	case M6_R_BU_NEEDS_NONCE:
	case M6_R_BU_NEEDS_BAD: return "MIP6-9.5.1-1";
	case M6_R_BAD_NOT_LAST: return "MIP6-9.5.1-2";
	case M6_R_H_AT_CN: return "MIP6-9.5.1-5";
	case M6_R_BID_LEN:
	case M6_R_BID_ZERO: return "MCOA-6.2-4";
	case M6_R_BID_COA_NOT_UNICAST: return "MCOA-6.2-6";
	case M6_R_BULK_AT_CN:
	case M6_R_BID_COA_V4_AT_CN: return "MCOA-6.2-7";
	}
	return NULL;
}
