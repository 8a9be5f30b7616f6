/* names.c - names of MH types, options, status codes (the IANA Mobile
 * IPv6 parameters registries), reasons and actions. Unknown MH and option
 * types give NULL (callers print the number); status codes the registry
 * leaves unassigned give "unassigned". */
#include "m6codec.h"

/* Tables indexed by the code (unlisted codes are NULL): the printers look
 * a name up for every message and option. */
#define FIND(table, code) ((code) < sizeof(table) / sizeof(table[0]) ? (table)[code] : NULL)

static const char *const mh_names[] = {
	[0] = "Binding Refresh Request", [1] = "Home Test Init",
	[2] = "Care-of Test Init",       [3] = "Home Test",
	[4] = "Care-of Test",            [5] = "Binding Update",
	[6] = "Binding Acknowledgement", [7] = "Binding Error",
	[8] = "Fast Binding Update",     [9] = "Fast Binding Acknowledgment",
	[10] = "Fast Neighbor Advertisement", [11] = "Experimental Mobility Header",
	[12] = "Home Agent Switch",      [13] = "Heartbeat",
	[14] = "Handover Initiate",      [15] = "Handover Acknowledge",
	[16] = "Binding Revocation",     [17] = "Localized Routing Initiation",
	[18] = "Localized Routing Acknowledgment", [19] = "Update Notification",
	[20] = "Update Notification Acknowledgement",
};

static const char *const mh_abbrevs[] = {
	[0] = "BRR", [1] = "HoTI", [2] = "CoTI", [3] = "HoT",
	[4] = "CoT", [5] = "BU",   [6] = "BA",   [7] = "BE",
};

/* The IANA "Mobility Options" registry (Mobile IPv6 parameters), its
 * Description without a trailing "Option" / "Mobility Option". Where the
 * registry holds a constant or a shorter form, the defining RFC's name of
 * the option is used: 5 (registry: Authorization Data; RFC 6275 s6.2.7),
 * 8 (MN-ID-OPTION-TYPE; RFC 4283), 9 and 10 (AUTH-OPTION-TYPE and
 * MESG-ID-OPTION-TYPE; RFC 4285 s5 and s6). */
static const char *const opt_names[] = {
	[0] = "Pad1",
	[1] = "PadN",
	[2] = "Binding Refresh Advice",
	[3] = "Alternate Care-of Address",
	[4] = "Nonce Indices",
	[5] = "Binding Authorization Data",
	[6] = "Mobile Network Prefix",
	[7] = "Mobility Header Link-Layer Address",
	[8] = "Mobile Node Identifier",
	[9] = "Mobility Message Authentication",
	[10] = "Mobility Message Replay Protection",
	[11] = "CGA Parameters Request",
	[12] = "CGA Parameters",
	[13] = "Signature",
	[14] = "Permanent Home Keygen Token",
	[15] = "Care-of Test Init",
	[16] = "Care-of Test",
	[17] = "DNS-UPDATE-TYPE",
	[18] = "Experimental",
	[19] = "Vendor Specific",
	[20] = "Service Selection",
	[21] = "Binding Authorization Data for FMIPv6 (BADF)",
	[22] = "Home Network Prefix",
	[23] = "Handoff Indicator",
	[24] = "Access Technology Type",
	[25] = "Mobile Node Link-layer Identifier",
	[26] = "Link-local Address",
	[27] = "Timestamp",
	[28] = "Restart Counter",
	[29] = "IPv4 Home Address",
	[30] = "IPv4 Address Acknowledgement",
	[31] = "NAT Detection",
	[32] = "IPv4 Care-of Address",
	[33] = "GRE Key",
	[34] = "Mobility Header IPv6 Address/Prefix",
	[35] = "Binding Identifier",
	[36] = "IPv4 Home Address Request",
	[37] = "IPv4 Home Address Reply",
	[38] = "IPv4 Default-Router Address",
	[39] = "IPv4 DHCP Support Mode",
	[40] = "Context Request",
	[41] = "Local Mobility Anchor Address",
	[42] = "Mobile Node Link-local Address Interface Identifier",
	[43] = "Transient Binding",
	[44] = "Flow Summary",
	[45] = "Flow Identification",
	[46] = "Redirect-Capability",
	[47] = "Redirect",
	[48] = "Load Information",
	[49] = "Alternate IPv4 Care-of Address",
	[50] = "Mobile Node Group Identifier",
	[51] = "MAG IPv6 Address",
	[52] = "Access Network Identifier",
	[53] = "IPv4 Traffic Offload Selector",
	[54] = "Dynamic IP Multicast Selector",
	[55] = "Delegated Mobile Network Prefix",
	[56] = "Active Multicast Subscription IPv4",
	[57] = "Active Multicast Subscription IPv6",
	[58] = "Quality-of-Service",
	[59] = "LMA User-Plane Address",
	[60] = "Multicast",
	[61] = "Multicast Acknowledgement",
	[62] = "LMA-Controlled MAG Parameters",
	[63] = "MAG Multipath-Binding",
	[64] = "MAG Identifier",
	[65] = "Anchored Prefix",
	[66] = "Local Prefix",
	[67] = "Previous MAAR",
	[68] = "Serving MAAR",
	[69] = "DLIF Link-Local Address",
	[70] = "DLIF Link-Layer Address",
};

/* The IANA "Status Codes" registry (BA Status); 0 is registered as
 * "Binding Update accepted/Proxy Binding Update accepted", shown here
 * with RFC 6275's words. Codes the registry leaves unassigned: "unassigned". */
static const char *const ba_status_names[] = {
	[0] = "Binding Update accepted",
	[1] = "Accepted but prefix discovery necessary",
	[2] = "GRE_KEY_OPTION_NOT_REQUIRED",
	[3] = "GRE_TUNNELING_BUT_TLV_HEADER_NOT_SUPPORTED",
	[4] = "MCOA NOTCOMPLETE",
	[5] = "MCOA RETURNHOME WO/NDP",
	[6] = "PBU_ACCEPTED_TB_IGNORED_SETTINGSMISMATCH",
	[128] = "Reason unspecified",
	[129] = "Administratively prohibited",
	[130] = "Insufficient resources",
	[131] = "Home registration not supported",
	[132] = "Not home subnet",
	[133] = "Not home agent for this mobile node",
	[134] = "Duplicate Address Detection failed",
	[135] = "Sequence number out of window",
	[136] = "Expired home nonce index",
	[137] = "Expired care-of nonce index",
	[138] = "Expired nonces",
	[139] = "Registration type change disallowed",
	[140] = "Mobile Router Operation not permitted",
	[141] = "Invalid Prefix",
	[142] = "Not Authorized for Prefix",
	[143] = "Forwarding Setup failed",
	[144] = "MIPV6-ID-MISMATCH",
	[145] = "MIPV6-MESG-ID-REQD",
	[146] = "MIPV6-AUTH-FAIL",
	[147] = "Permanent home keygen token unavailable",
	[148] = "CGA and signature verification failed",
	[149] = "Permanent home keygen token exists",
	[150] = "Non-null home nonce index expected",
	[151] = "SERVICE_AUTHORIZATION_FAILED",
	[152] = "PROXY_REG_NOT_ENABLED",
	[153] = "NOT_LMA_FOR_THIS_MOBILE_NODE",
	[154] = "MAG_NOT_AUTHORIZED_FOR_PROXY_REG",
	[155] = "NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX",
	[156] = "TIMESTAMP_MISMATCH",
	[157] = "TIMESTAMP_LOWER_THAN_PREV_ACCEPTED",
	[158] = "MISSING_HOME_NETWORK_PREFIX_OPTION",
	[159] = "BCE_PBU_PREFIX_SET_DO_NOT_MATCH",
	[160] = "MISSING_MN_IDENTIFIER_OPTION",
	[161] = "MISSING_HANDOFF_INDICATOR_OPTION",
	[162] = "MISSING_ACCESS_TECH_TYPE_OPTION",
	[163] = "GRE_KEY_OPTION_REQUIRED",
	[164] = "MCOA MALFORMED",
	[165] = "MCOA NON-MCOA BINDING EXISTS",
	[166] = "MCOA PROHIBITED",
	[167] = "MCOA UNKNOWN COA",
	[168] = "MCOA BULK REGISTRATION PROHIBITED",
	[169] = "MCOA SIMULTANEOUS HOME AND FOREIGN PROHIBITED",
	[170] = "NOT_AUTHORIZED_FOR_IPV4_MOBILITY_SERVICE",
	[171] = "NOT_AUTHORIZED_FOR_IPV4_HOME_ADDRESS",
	[172] = "NOT_AUTHORIZED_FOR_IPV6_MOBILITY_SERVICE",
	[173] = "MULTIPLE_IPV4_HOME_ADDRESS_ASSIGNMENT_NOT_SUPPORTED",
	[174] = "Invalid Care-of Address",
	[175] = "INVALID_MOBILE_NODE_GROUP_IDENTIFIER",
	[176] = "REINIT_SA_WITH_HAC",
	[177] = "NOT_AUTHORIZED_FOR_DELEGATED_MNP",
	[178] = "REQUESTED_DMNP_IN_USE",
	[179] = "CANNOT_MEET_QOS_SERVICE_REQUEST",
	[180] = "CANNOT_SUPPORT_MULTIPATH_BINDING",
};

/* BE Status (RFC 6275 s6.1.9). */
static const char *const be_status_names[] = {
	[1] = "Unknown binding for Home Address destination option",
	[2] = "Unrecognized MH Type value",
};

const char *m6_mh_type_name(uint8_t type) { return FIND(mh_names, type); }
const char *m6_mh_type_abbrev(uint8_t type) { return FIND(mh_abbrevs, type); }
const char *m6_opt_name(uint8_t type) { return FIND(opt_names, type); }

/* Every status value is either registered or unassigned: never NULL. */
static const char *status_or_unassigned(const char *name)
{
	return name ? name : "unassigned";
}

const char *m6_ba_status_name(uint8_t status)
{
	return status_or_unassigned(FIND(ba_status_names, status));
}

const char *m6_be_status_name(uint8_t status)
{
	return status_or_unassigned(FIND(be_status_names, status));
}

/* Reason keys are part of the JSON output: keep them stable. */
static const struct {
	const char *key;
	const char *text;
} reasons[M6_R_COUNT] = {
	[M6_R_NONE] = { "none", "no problem" },
	[M6_R_TRUNC_LINK] = { "truncated-link", "capture ends inside the link-layer header" },
	[M6_R_TRUNC_IP6] = { "truncated-ipv6", "capture ends inside the IPv6 header" },
	[M6_R_TRUNC_EXT] = { "truncated-ext", "capture ends inside an extension header" },
	[M6_R_TRUNC_MH] = { "truncated-mh", "MH shorter than its Header Len says" },
	[M6_R_TRUNC_MH_FIXED] = { "truncated-mh-fixed", "MH ends inside the fixed part of its message" },
	[M6_R_IP_VERSION] = { "ip-version", "IP version is not 6" },
	[M6_R_IP_PLEN] = { "ip-payload-length", "IPv6 Payload Length disagrees with the headers" },
	[M6_R_EXT_ORDER] = { "ext-order", "extension headers in an order RFC 8200 s4.1 forbids" },
	[M6_R_EXT_LIMIT] = { "ext-limit", "more extension headers than the decoder keeps" },
	[M6_R_HAO_LEN] = { "hao-length", "Home Address option length is not 16" },
	[M6_R_HAO_ALIGN] = { "hao-alignment", "Home Address option not at 8n+6" },
	[M6_R_HAO_NOT_UNICAST] = { "hao-not-unicast", "home address is not a unicast routable address" },
	[M6_R_RH2_FORMAT] = { "rh2-format", "type 2 routing header: Hdr Ext Len not 2 or Segments Left not 1" },
	[M6_R_FRAGMENT] = { "fragment", "non-first fragment: the MH is not in this packet" },
	[M6_R_DSTOPT_UNKNOWN] = { "dstopt-unknown", "unknown destination option whose type says discard" },
	[M6_R_TLV_OVERRUN] = { "tlv-overrun", "a destination/hop-by-hop option runs past its header" },
	[M6_R_TUNNEL_DEPTH] = { "tunnel-depth", "IPv6-in-IPv6 nested deeper than the decoder walks (six IPv6 headers)" },
	[M6_R_BAD_CHECKSUM] = { "bad-checksum", "checksum is wrong (MH, ICMPv6 or UDP)" },
	[M6_R_PAYLOAD_PROTO] = { "payload-proto", "MH Payload Proto is not 59" },
	[M6_R_HDRLEN_SHORT] = { "header-len-short", "MH Header Len is below the minimum for its type" },
	[M6_R_MH_TRAILING] = { "mh-trailing-bytes", "bytes after the MH inside the IPv6 payload" },
	[M6_R_RESERVED_SET] = { "reserved-set", "a reserved field is not zero" },
	[M6_R_OPT_OVERRUN] = { "option-overrun", "mobility option runs past the end of the message" },
	[M6_R_OPT_LEN] = { "option-length", "mobility option Length is wrong for its type" },
	[M6_R_OPT_ALIGN] = { "option-alignment", "mobility option is not at its alignment" },
	[M6_R_OPT_LIMIT] = { "option-limit", "more mobility options than the decoder keeps" },
	[M6_R_OPT_UNKNOWN] = { "option-unknown", "unknown mobility option type, skipped" },
	[M6_R_OPT_NOT_ALLOWED] = { "option-not-allowed", "mobility option not valid in this message type" },
	[M6_R_OPT_DUPLICATE] = { "option-duplicate", "mobility option that may appear once appears again" },
	[M6_R_PADN_NONZERO] = { "padn-nonzero", "PadN data is not zero" },
	[M6_R_BID_LEN] = { "bid-length", "Binding Identifier Length is not 4, 8 or 20" },
	[M6_R_BID_ZERO] = { "bid-zero", "Binding Identifier value 0 is reserved" },
	[M6_R_BID_COA_NOT_UNICAST] = { "bid-coa-not-unicast", "BID care-of address is not unicast routable" },
	[M6_R_UNKNOWN_MH_TYPE] = { "unknown-mh-type", "MH type unknown to the receiver" },
	[M6_R_BU_NEEDS_NONCE] = { "bu-no-nonce-indices", "BU to a correspondent node lacks Nonce Indices" },
	[M6_R_BU_NEEDS_BAD] = { "bu-no-authorization", "BU to a correspondent node lacks Binding Authorization Data" },
	[M6_R_BAD_NOT_LAST] = { "bad-not-last", "Binding Authorization Data is not the last option" },
	[M6_R_BULK_AT_CN] = { "bulk-at-cn", "several BID options in a BU to a correspondent node" },
	[M6_R_H_AT_CN] = { "home-reg-at-cn", "home registration (H) requested from a correspondent node" },
	[M6_R_BID_COA_V4_AT_CN] = { "bid-ipv4-coa-at-cn", "IPv4 care-of address in a BID sent to a correspondent node" },
	[M6_R_BID_H_AT_CN] = { "bid-h-not-home-reg", "BID H flag outside a home registration" },
	[M6_R_BID_COA_OUTSIDE_BU] = { "bid-coa-outside-bu", "BID carries a care-of address in a message other than a BU" },
	[M6_R_O_WITHOUT_BID] = { "o-flag-without-bid", "O flag set in a BU without a BID option" },
	[M6_R_BID_STATUS_IN_BU] = { "bid-status-ignored", "BID Status is not zero in a message where it is ignored" },
	[M6_R_TRUNC_PAYLOAD] = { "truncated-payload", "capture ends before the IPv6 payload does (after the MH, or in echo or UDP data)" },
	[M6_R_BA_BID_STATUS] = { "ba-bid-status-without-notcomplete", "BID Status set in a BA whose Status is not MCOA NOTCOMPLETE" },
	[M6_R_TRUNC_ICMP6] = { "truncated-icmp6", "capture ends inside the ICMPv6 message" },
	[M6_R_ICMP6_SHORT] = { "icmp6-short", "ICMPv6 message shorter than its type's fixed part" },
	[M6_R_ND_OPT_ZERO] = { "nd-option-length-zero", "ND option with Length 0 (RFC 4861 s4.6)" },
	[M6_R_ND_OPT_OVERRUN] = { "nd-option-overrun", "ND option runs past the end of the message" },
	[M6_R_ND_OPT_LEN] = { "nd-option-length", "ND option Length is wrong for its type: the option is ignored" },
	[M6_R_ND_OPT_LIMIT] = { "nd-option-limit", "more prefixes or home agent addresses than the decoder keeps" },
	[M6_R_ND_TRAILING] = { "nd-trailing", "octets after the last home agent address" },
	[M6_R_ND_HOP_LIMIT] = { "nd-hop-limit", "Neighbor Discovery message with an IPv6 Hop Limit other than 255" },
	[M6_R_ICMP6_CODE] = { "icmp6-code", "ICMPv6 Code is not 0" },
	[M6_R_ND_TARGET_MCAST] = { "nd-target-multicast", "NS or NA Target Address is a multicast address" },
	[M6_R_NA_SOLICITED_MCAST] = { "na-solicited-multicast", "NA with the Solicited flag sent to a multicast address" },
	[M6_R_ND_UNSPEC_SLLA] = { "nd-unspecified-with-slla", "RS or NS from the unspecified address with a Source Link-Layer Address option" },
	[M6_R_NS_UNSPEC_DST] = { "ns-unspecified-not-solicited-node", "NS from the unspecified address not sent to a solicited-node multicast address" },
	[M6_R_RA_SRC_NOT_LL] = { "ra-source-not-link-local", "Router Advertisement from an address that is not link-local" },
	[M6_R_HAINFO_WITHOUT_H] = { "hainfo-without-h", "Home Agent Information option in an RA without the H flag: ignored" },
	[M6_R_HA_LIFETIME_ZERO] = { "ha-lifetime-zero", "Home Agent Lifetime 0, which RFC 6275 s7.4 forbids" },
	[M6_R_DHAAD_NOT_ANYCAST] = { "dhaad-not-anycast", "DHAAD Request not sent to a Home-Agents anycast address" },
	[M6_R_PREFIX_HOST_BITS] = { "prefix-host-bits", "Prefix Information with bits set after the prefix length and no R flag" },
	[M6_R_TUNNEL_EXCESS] = { "tunnel-excess", "IPv6-in-IPv6 payload longer than the packet it carries (RFC 2473 s3: the payload is the original packet)" },
};

const char *m6_reason_name(uint8_t reason)
{
	return reason < M6_R_COUNT ? reasons[reason].key : NULL;
}

const char *m6_reason_text(uint8_t reason)
{
	return reason < M6_R_COUNT ? reasons[reason].text : NULL;
}

static const char *const action_names[] = {
	[M6_ACT_NONE] = "none",
	[M6_ACT_DISCARD] = "discard",
	[M6_ACT_ICMP_PARAM] = "icmp-param-problem",
	[M6_ACT_BE] = "binding-error",
	[M6_ACT_BA] = "binding-ack",
	[M6_ACT_SKIP_OPTION] = "skip-option",
};

const char *m6_action_name(uint8_t action)
{
	return action < sizeof action_names / sizeof action_names[0] ? action_names[action] : NULL;
}
