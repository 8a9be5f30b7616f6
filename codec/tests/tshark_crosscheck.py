#!/usr/bin/env python3
"""tshark_crosscheck.py - tshark as an independent decoder of mip6kit's packets.

usage: python3 codec/tests/tshark_crosscheck.py MIP6KIT_BINARY [-v] [-k DIR]

Builds every packet of codec/tests/crosscheck_specs.txt with `mip6kit build -f`,
decodes the pcap with `tshark -T pdml` (one tshark run per link type) and with
`mip6kit decode --json`, and compares, packet by packet, every field tshark
dissects with the value mip6kit reports. A packet passes when:
  - every field both decoders show has the same value (zero disagreements);
  - mip6kit's "valid" is what the spec file says (valid/invalid);
  - on a valid packet tshark shows no Malformed and no error-level expert info;
  - the checksum verdict agrees: Wireshark 4.0 has no MH checksum validation
    (no preference, no mip6.csum.status field), so this script computes the
    RFC 6275 s6.1.1 checksum itself over the bytes and addresses tshark
    located (source = tshark's Home Address option, destination = tshark's
    type 2 routing header address) and compares with mip6kit's verdict;
  - data packets (ICMPv6 Echo, UDP; decoded with `mip6kit decode --data`):
    their fields, and the checksum verdict both of tshark (which checks
    ICMPv6 always and UDP with udp.check_checksum on) and of this script.
Fields tshark does not dissect are listed under "not checked by tshark".
Then the names: one packet per mobility option type (0-255), per BA status and
per BE status (0-255); the name tshark prints for each is compared with the one
`mip6kit decode --json` prints (NAME_DIFFS lists the documented wording
differences; a listed difference tshark no longer shows fails too). Each value
counts as one test.
Ends with `tshark_crosscheck: N passed, N failed`; exits 1 on any failure.
Python standard library only.
"""
import ipaddress
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SPECS = os.path.join(HERE, 'crosscheck_specs.txt')

PI_WARN = 0x00600000   # Wireshark expert severities (epan/proto.h)
PI_ERROR = 0x00800000

LINK_ETHERNET = 1      # pcap LINKTYPE_ETHERNET

# ---------------------------------------------------------------------------
# What tshark (Wireshark 4.0 packet-mip6.c) dissects, as canonical keys.
# A canonical key names one protocol field independently of either decoder;
# both sides are turned into {key: value} and compared key by key.
# ---------------------------------------------------------------------------

BU_FLAGS = [('A', 'mip6.bu.a_flag'), ('H', 'mip6.bu.h_flag'), ('L', 'mip6.bu.l_flag'),
            ('K', 'mip6.bu.k_flag'), ('M', 'mip6.bu.m_flag'), ('R', 'mip6.nemo.bu.r_flag'),
            ('P', 'mip6.bu.p_flag'), ('F', 'mip6.bu.f_flag'), ('T', 'mip6.bu.t_flag'),
            # 0x0040: RFC 5648 O (Overwrite); Wireshark names it B (RFC 6602)
            ('O', 'mip6.bu.b_flag')]
BA_FLAGS = [('K', 'mip6.ba.k_flag'), ('R', 'mip6.nemo.ba.r_flag'), ('P', 'mip6.ba.p_flag'),
            ('T', 'mip6.ba.t_flag'), ('B', 'mip6.ba.b_flag')]

# MH type -> [(canonical key, tshark field, kind)]
BODY = {
    0: [('brr.reserved', 'mip6.binding_refresh_request', 'hexint')],
    1: [('ti.cookie', 'mip6.hoti.cookie', 'hex')],
    2: [('ti.cookie', 'mip6.coti.cookie', 'hex')],
    3: [('test.index', 'mip6.hot.nindex', 'int'), ('test.cookie', 'mip6.hot.cookie', 'hex'),
        ('test.token', 'mip6.hot.token', 'hex')],
    # Wireshark shows the CoT keygen token with the HoT's field (mip6.hot.token)
    4: [('test.index', 'mip6.cot.nindex', 'int'), ('test.cookie', 'mip6.cot.cookie', 'hex'),
        ('test.token', 'mip6.hot.token', 'hex')],
    5: [('bu.seq', 'mip6.bu.seqnr', 'int'), ('bu.lifetime', 'mip6.bu.lifetime', 'int')]
       + [('bu.flag.' + f, n, 'int') for f, n in BU_FLAGS],
    6: [('ba.status', 'mip6.ba.status', 'int'), ('ba.seq', 'mip6.ba.seqnr', 'int'),
        ('ba.lifetime', 'mip6.ba.lifetime', 'int')]
       + [('ba.flag.' + f, n, 'int') for f, n in BA_FLAGS],
    7: [('be.status', 'mip6.be.status', 'int'), ('be.home', 'mip6.be.haddr', 'ip6')],
}

# option type -> [(canonical key after "optN.", tshark field, kind)]
OPTS = {
    2: [('refresh', 'mip6.bra.interval', 'int')],
    3: [('altcoa', 'mip6.acoa.acoa', 'ip6')],
    4: [('home', 'mip6.ni.hni', 'int'), ('careof', 'mip6.ni.cni', 'int')],
    5: [('auth', 'mip6.bad.auth', 'hex')],
    6: [('plen', 'mip6.nemo.mnp.pfl', 'int'), ('prefix', 'mip6.nemo.mnp.mnp', 'ip6')],
    7: [('code', 'mip6.lla.optcode', 'int'), ('lla', 'mip6.lla', 'hex')],
    8: [('subtype', 'mip6.mnid.subtype', 'int'), ('id', 'mip6.mnid.identifier', 'hex')],
    29: [('plen', 'mip6.ipv4ha.preflen', 'int'), ('p', 'mip6.ipv4ha.p_flag', 'int'),
         ('addr', 'mip6.ipv4ha.ha', 'ip4')],
    # Wireshark reuses the IPv4 Home Address fields for the prefix and address
    30: [('status', 'mip6.ipv4aa.sts', 'int'), ('plen', 'mip6.ipv4ha.preflen', 'int'),
         ('addr', 'mip6.ipv4ha.ha', 'ip4')],
    31: [('f', 'mip6.natd.f_flag', 'int'), ('reserved', 'mip6.natd.reserved', 'int'),
         ('refresh', 'mip6.natd.refresh_t', 'int')],
    32: [('reserved', 'mip6.ipv4coa.reserved', 'int'), ('addr', 'mip6.ipv4coa.addr', 'ip4')],
    35: [('bid', 'mip6.bi.bid', 'int'), ('status', 'mip6.bi.status', 'int'),
         ('h', 'mip6.bi.h_flag', 'int'), ('coa4', 'mip6.bi.coa_ipv4', 'ip4'),
         ('coa6', 'mip6.bi.coa_ipv6', 'ip6')],
}

# Fields mip6kit decodes that this tshark does not dissect (said, never skipped silently).
NOT_CHECKED = [
    ('MH checksum verdict', 'Wireshark 4.0 has no MH checksum validation (no mip6 preference, '
     'no mip6.csum.status); checked against a checksum this script computes from the '
     'bytes and addresses tshark located'),
    ('HoTI/CoTI Reserved (16 bits)', 'no field: tshark shows only the cookie'),
    ('HoT/CoT/BU/BA/BE other reserved bits', 'BU reserved bits 0x003f, BA flags 0x07 and the '
     'BE Reserved octet have no tshark field'),
    ('BID reserved/BID-PRI bits 0x7f', 'tshark shows only the H flag of the BID flags octet'),
    ('BID coa when Length is not 8 or 20', 'tshark shows no CoA; mip6kit marks it malformed'),
    ('MNP Reserved octet', 'no tshark field'),
    ('IPv4 Home Address Reserved bits', 'no tshark field (mip6.ipv4ha.reserved is never filled)'),
    ('IPv4 Address Acknowledgement Reserved bits', 'no tshark field'),
    ('unknown options (type 200 and other unassigned)', 'tshark: "IE data not dissected yet"; '
     'their type, length and bytes are compared from the option tshark delimited'),
    ('MH types 8 and up', 'tshark dissects 8-17 as FMIPv6/HA-switch/... messages with their own '
     'body; the crosscheck uses unassigned types, where tshark shows the body as bytes'),
    ('fixed fields past a too-small Header Len', 'tshark reads them from the bytes that '
     'follow; mip6kit ends the MH where Header Len says (RFC 6275 s9.2: such a message is '
     'answered with Parameter Problem, not processed) and shows zeros there; the '
     'message body is not compared on such packets'),
    ('diagnostics (reason, offset, receiver action)', 'tshark has no equivalent; only "valid" '
     'is checked, against the spec file, and tshark errors against it'),
    ('UDP data on ports tshark dissects (7 echo, 53 DNS, ...)', 'tshark shows it in that '
     'protocol\'s fields, not as data; the specs use ports whose data tshark leaves as bytes'),
]


def conv(e, kind):
    show, value = e.get('show'), e.get('value') or ''
    if kind == 'int':
        return int(show, 0)
    if kind == 'hex':
        return value.lower()
    if kind == 'hexint':
        return int(value, 16) if value else None
    if kind == 'ip6':
        return str(ipaddress.IPv6Address(show))
    if kind == 'ip4':
        return str(ipaddress.IPv4Address(show))
    raise ValueError(kind)


def find_field(elem, name):
    for e in elem.iter():
        if e.get('name') == name:
            return e
    return None


def child_field(elem, name):
    for c in elem:
        if c.get('name') == name:
            return c
    return None


def tshark_run(pcap):
    r = subprocess.run(['tshark', '-n', '-o', 'udp.check_checksum:TRUE', '-r', pcap, '-T', 'pdml'],
                       capture_output=True)
    if r.returncode != 0:
        raise RuntimeError('tshark -r %s failed (%d): %s' % (pcap, r.returncode,
                                                           r.stderr.decode(errors='replace')))
    return ET.fromstring(r.stdout).findall('packet')


# Wireshark's checksum status values (epan/proto.h PROTO_CHECKSUM_E_*): 1 good;
# 0 bad and 4 illegal (a UDP checksum of zero in IPv6) are wrong; 2 unverified.
CSUM_GOOD, CSUM_VERDICTS = 1, (0, 1, 4)


ND_TYPES = (133, 134, 135, 136, 144, 145, 146, 147)

# tshark's fields of the ND and RFC 6275 messages: canonical key, field, kind.
TS_ND = [('nd.id', 'icmpv6.mip6.identifier', 'int'),
         ('nd.cur_hlim', 'icmpv6.nd.ra.cur_hop_limit', 'int'),
         ('nd.router_lifetime', 'icmpv6.nd.ra.router_lifetime', 'int'),
         ('nd.reachable', 'icmpv6.nd.ra.reachable_time', 'int'),
         ('nd.retrans', 'icmpv6.nd.ra.retrans_timer', 'int')]
TS_ND_FLAGS = {134: [('M', 'icmpv6.nd.ra.flag.m'), ('O', 'icmpv6.nd.ra.flag.o'), ('H', 'icmpv6.nd.ra.flag.h')],
               136: [('R', 'icmpv6.nd.na.flag.r'), ('S', 'icmpv6.nd.na.flag.s'), ('O', 'icmpv6.nd.na.flag.o')],
               147: [('M', 'icmpv6.mip6.flag.m'), ('O', 'icmpv6.mip6.flag.o')]}
TS_PREFIX = [('plen', 'icmpv6.opt.prefix.length', 'int'), ('l', 'icmpv6.opt.prefix.flag.l', 'int'),
             ('a', 'icmpv6.opt.prefix.flag.a', 'int'), ('r', 'icmpv6.opt.prefix.flag.r', 'int'),
             ('valid', 'icmpv6.opt.prefix.valid_lifetime', 'int'),
             ('pref', 'icmpv6.opt.prefix.preferred_lifetime', 'int'),
             ('prefix', 'icmpv6.opt.prefix', 'ip6')]
TS_OPT = {5: [('nd.mtu', 'icmpv6.opt.mtu', 'int')],
          7: [('nd.advint', 'icmpv6.opt.advertisement_interval', 'int')],
          8: [('nd.ha_pref', 'icmpv6.opt.home_agent_preference', 'int'),
              ('nd.ha_lifetime', 'icmpv6.opt.home_agent_lifetime', 'int')]}


def tshark_nd_facts(ic, t, facts):
    """An ND or RFC 6275 ICMPv6 message: canonical nd.* keys into facts."""
    for k, f, kind in TS_ND:
        e = find_field(ic, f)
        if e is not None:
            facts[k] = conv(e, kind)
    for letter, f in TS_ND_FLAGS.get(t, []):
        facts['nd.flag.' + letter] = conv(find_field(ic, f), 'int')
    for f in ('icmpv6.nd.ns.target_address', 'icmpv6.nd.na.target_address'):
        e = find_field(ic, f)
        if e is not None:
            facts['nd.target'] = conv(e, 'ip6')
    for i, e in enumerate(e for e in ic.iter() if e.get('name') == 'icmpv6.mip6.home_agent_address'):
        facts['nd.ha%d' % i] = conv(e, 'ip6')
    npfx = 0
    for o in (c for c in ic if c.get('name') == 'icmpv6.opt'):
        ot = conv(child_field(o, 'icmpv6.opt.type'), 'int')
        if ot in (1, 2):
            facts['nd.' + ('slla' if ot == 1 else 'tlla')] = find_field(o, 'icmpv6.opt.linkaddr').get('show').lower()
        elif ot == 3:
            for k, f, kind in TS_PREFIX:
                facts['nd.prefix%d.%s' % (npfx, k)] = conv(find_field(o, f), kind)
            npfx += 1
        for k, f, kind in TS_OPT.get(ot, []):
            facts[k] = conv(find_field(o, f), kind)
    # RFC 6275 s7.4: the Home Agent Preference is signed; tshark 4.0 shows
    # the 16 bits unsigned: compared as the same 16 bits.
    if facts.get('nd.ha_pref', 0) >= 0x8000:
        facts['nd.ha_pref'] -= 0x10000


def tshark_data_facts(pkt, facts):
    """An ICMPv6 Echo, an ND or RFC 6275 message, or a UDP datagram (no
    MH): canonical keys into facts; returns (next header, offset) of the
    ICMPv6/UDP header, or None."""
    top = {p.get('name'): p for p in pkt if p.get('name') in ('icmpv6', 'udp')}
    data = find_field(pkt, 'data.data')  # inside icmpv6, or a protocol of its own after udp
    payload = conv(data, 'hex') if data is not None else ''
    if 'icmpv6' in top:
        ic = top['icmpv6']
        t = conv(child_field(ic, 'icmpv6.type'), 'int')
        code = conv(child_field(ic, 'icmpv6.code'), 'int')
        if (t not in (128, 129) or code != 0) and t not in ND_TYPES:
            return None
        facts['icmp6.type'] = t
        facts['icmp6.code'] = code
        facts['icmp6.csum'] = conv(child_field(ic, 'icmpv6.checksum'), 'hexint')
        if t in ND_TYPES:
            tshark_nd_facts(ic, t, facts)
        else:
            facts['icmp6.echo_id'] = conv(find_field(ic, 'icmpv6.echo.identifier'), 'hexint')
            facts['icmp6.echo_seq'] = conv(find_field(ic, 'icmpv6.echo.sequence_number'), 'int')
            facts['icmp6.data'] = payload
        status, kind, at = find_field(ic, 'icmpv6.checksum.status'), 58, ic
    elif 'udp' in top:
        u = top['udp']
        for k, f in (('sport', 'udp.srcport'), ('dport', 'udp.dstport'), ('len', 'udp.length')):
            facts['udp.' + k] = conv(child_field(u, f), 'int')
        facts['udp.csum'] = conv(child_field(u, 'udp.checksum'), 'hexint')
        facts['udp.data'] = payload
        status, kind, at = find_field(u, 'udp.checksum.status'), 17, u
    else:
        return None
    if status is not None and int(status.get('show')) in CSUM_VERDICTS:
        facts['_csum_ok'] = int(status.get('show')) == CSUM_GOOD
    return kind, int(at.get('pos'))


def tshark_facts(pkt):
    """One PDML <packet> -> (facts, experts, malformed, where): where is
    (next header, offset of the MH/ICMPv6/UDP header, (src, dst, IPv6 payload end))."""
    facts = {}
    experts = []
    malformed = False
    for e in pkt.iter():
        n = e.get('name')
        if n == '_ws.malformed':
            malformed = True
        elif n == '_ws.expert':
            sev = find_field(e, '_ws.expert.severity')
            msg = find_field(e, '_ws.expert.message')
            experts.append((int(sev.get('show')) if sev is not None else 0,
                            msg.get('show') if msg is not None else e.get('showname')))
    eth = [p for p in pkt if p.get('name') == 'eth']
    if eth:
        facts['eth.src'] = find_field(eth[0], 'eth.src').get('show').lower()
        facts['eth.dst'] = find_field(eth[0], 'eth.dst').get('show').lower()
        facts['eth.type'] = int(find_field(eth[0], 'eth.type').get('show'), 0)
    ips = [p for p in pkt.iter('proto') if p.get('name') == 'ipv6']
    pseudo = None
    for i, ip in enumerate(ips):
        pre = 'ip%d.' % i
        for k, f, kind in (('src', 'ipv6.src', 'ip6'), ('dst', 'ipv6.dst', 'ip6'),
                           ('hlim', 'ipv6.hlim', 'int'), ('plen', 'ipv6.plen', 'int'),
                           ('nxt', 'ipv6.nxt', 'int')):
            facts[pre + k] = conv(child_field(ip, f), kind)
        src, dst = facts[pre + 'src'], facts[pre + 'dst']
        for ext in ip.iter('proto'):
            en = ext.get('name')
            if en == 'ipv6.hopopts':
                facts[pre + 'hbh'] = 1
            elif en == 'ipv6.dstopts':
                h = find_field(ext, 'ipv6.opt.mipv6.home_address')
                if h is not None:
                    facts[pre + 'hao'] = src = conv(h, 'ip6')
            elif en == 'ipv6.routing':
                facts[pre + 'rh.type'] = conv(find_field(ext, 'ipv6.routing.type'), 'int')
                facts[pre + 'rh.segleft'] = conv(find_field(ext, 'ipv6.routing.segleft'), 'int')
                h = find_field(ext, 'ipv6.routing.mipv6.home_address')
                if h is not None:
                    facts[pre + 'rh2.addr'] = dst = conv(h, 'ip6')
            elif en == 'ipv6.fraghdr':
                facts[pre + 'frag.id'] = conv(find_field(ext, 'ipv6.fraghdr.ident'), 'int')
                facts[pre + 'frag.offset'] = conv(find_field(ext, 'ipv6.fraghdr.offset'), 'int')
                facts[pre + 'frag.more'] = conv(find_field(ext, 'ipv6.fraghdr.more'), 'int')
        pseudo = (src, dst, int(ip.get('pos')) + 40 + facts[pre + 'plen'])
    mhs = [p for p in pkt.iter('proto') if p.get('name') == 'mipv6']
    if not mhs:
        upper = tshark_data_facts(pkt, facts)
        return facts, experts, malformed, upper + (pseudo,) if upper and pseudo else None
    mh = mhs[0]
    for k, f, kind in (('mh.proto', 'mip6.proto', 'int'), ('mh.hlen', 'mip6.hlen', 'int'),
                       ('mh.type', 'mip6.mhtype', 'int'), ('mh.reserved', 'mip6.reserved', 'int'),
                       ('mh.csum', 'mip6.csum', 'int')):
        c = child_field(mh, f)
        if c is not None:
            facts[k] = conv(c, kind)
    t = facts.get('mh.type')
    for k, f, kind in BODY.get(t, []):
        e = find_field(mh, f)
        if e is not None:
            facts[k] = conv(e, kind)
    if t is not None and t > 7:
        e = find_field(mh, 'mip6.unknown_type_data')
        facts['other.data'] = conv(e, 'hex') if e is not None else ''
    optc = [c for c in mh if c.get('name') == '' and c.get('show') == 'Mobility Options']
    j = pad = 0
    if optc:
        for o in optc[0]:
            n = o.get('name')
            raw = (o.get('value') or '').lower()
            if n == 'mip6.options.pad1':
                pad += 1
                continue
            if n == 'mip6.options.padn':
                pad += len(raw) // 2
                continue
            pre = 'opt%d.' % j
            j += 1
            facts[pre + 'type'] = int(raw[0:2], 16)
            if len(raw) >= 4:
                facts[pre + 'len'] = int(raw[2:4], 16)
                facts[pre + 'data'] = raw[4:]
            for k, f, kind in OPTS.get(facts[pre + 'type'], []):
                e = find_field(o, f)
                if e is not None:
                    facts[pre + k] = conv(e, kind)
    if t is not None and t <= 7:
        facts['opts'] = j
        facts['pad'] = pad
    return facts, experts, malformed, (135, int(mh.get('pos')), pseudo)


# ---------------------------------------------------------------------------
# The checksum, computed here (RFC 6275 s6.1.1) from the frame bytes.
# ---------------------------------------------------------------------------

def inet_csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


CSUM_AT = {135: 4, 58: 2, 17: 6}   # the Checksum field of an MH, ICMPv6, UDP


def upper_checksum_ok(frame, nxt, off, pseudo):
    """The checksum of the MH (RFC 6275 s6.1.1), ICMPv6 or UDP header at off, over
    the pseudo-header addresses tshark located; None when it cannot be computed."""
    src, dst, ip_end = pseudo
    if ip_end > len(frame):
        return None
    if nxt == 17 and off + 8 <= ip_end:
        ip_end = off + struct.unpack('!H', frame[off + 4:off + 6])[0]  # the UDP Length
    body = bytearray(frame[off:ip_end])
    at = CSUM_AT[nxt]
    if len(body) < at + 2 or ip_end > len(frame):
        return None
    wire = (body[at] << 8) | body[at + 1]
    body[at:at + 2] = b'\0\0'
    ph = (ipaddress.IPv6Address(src).packed + ipaddress.IPv6Address(dst).packed
          + struct.pack('!I', len(body)) + b'\0\0\0' + bytes([nxt]))
    want = inet_csum(ph + bytes(body))
    if nxt == 17:  # RFC 768: a sum of zero is sent as 0xffff; zero means none, wrong in IPv6
        return wire != 0 and wire == (want or 0xffff)
    return wire == want


def read_pcap(path):
    """Frames of a pcap or pcapng file: list of (linktype, bytes)."""
    with open(path, 'rb') as f:
        data = f.read()
    magic = data[:4]
    frames = []
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1', b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        e = '<' if magic[0] in (0xd4, 0x4d) else '>'
        link = struct.unpack(e + 'I', data[20:24])[0] & 0x0fffffff
        off = 24
        while off + 16 <= len(data):
            incl = struct.unpack(e + 'I', data[off + 8:off + 12])[0]
            frames.append((link, data[off + 16:off + 16 + incl]))
            off += 16 + incl
        return frames
    if magic == b'\x0a\x0d\x0d\x0a':
        off, e, links = 0, '<', []
        while off + 12 <= len(data):
            if data[off:off + 4] == b'\x0a\x0d\x0d\x0a':
                e = '<' if data[off + 8:off + 12] == b'\x4d\x3c\x2b\x1a' else '>'
                links = []
            btype, blen = struct.unpack(e + 'II', data[off:off + 8])
            body = data[off + 8:off + blen - 4]
            if btype == 1:
                links.append(struct.unpack(e + 'H', body[:2])[0])
            elif btype == 6:
                ifid, _, _, incl = struct.unpack(e + 'IIII', body[:16])
                frames.append((links[ifid], body[20:20 + incl]))
            elif btype == 3:
                frames.append((links[0], body[4:]))
            off += blen
        return frames
    raise ValueError('%s: not a pcap or pcapng file' % path)


# ---------------------------------------------------------------------------
# mip6kit decode --json -> canonical keys (keys documented in codec/README.md)
# ---------------------------------------------------------------------------

BU_FLAG_BITS = dict(zip('AHLKMRPFTO', [0x8000 >> i for i in range(10)]))
BA_FLAG_BITS = dict(zip('KRPTB', [0x80 >> i for i in range(5)]))

# option type -> [(canonical key, mip6kit JSON key)] for the typed fields of OPTS
KIT_OPTS = {
    2: [('refresh', 'refresh')],
    3: [('altcoa', 'coa')],
    4: [('home', 'home_index'), ('careof', 'careof_index')],
    5: [('auth', 'authenticator')],
    6: [('plen', 'plen'), ('prefix', 'prefix')],
    7: [('code', 'code')],
    8: [('subtype', 'subtype')],
    29: [('plen', 'plen'), ('p', 'p'), ('addr', 'addr')],
    30: [('status', 'status'), ('plen', 'plen'), ('addr', 'addr')],
    31: [('f', 'f'), ('reserved', 'reserved'), ('refresh', 'refresh_s')],
    32: [('reserved', 'reserved'), ('addr', 'addr')],
    35: [('bid', 'bid'), ('status', 'status'), ('h', 'h')],
}


BODY_FAMILIES = ('brr', 'ti', 'test', 'bu', 'ba', 'be')


def kit_value(v):
    return int(v) if isinstance(v, bool) else v


def kit_facts(obj, frame):
    """One `mip6kit decode --json` object (and the frame's bytes) -> canonical keys."""
    facts = {'_errors': [e['reason'] for e in obj['errors']]}
    if 'eth' in obj:
        facts['eth.src'] = obj['eth']['src']
        facts['eth.dst'] = obj['eth']['dst']
        facts['eth.type'] = obj['eth']['type']
    for i, ip in enumerate(obj['ip']):
        pre = 'ip%d.' % i
        for k in ('src', 'dst', 'hlim', 'plen', 'nxt'):
            facts[pre + k] = ip[k]
        for x in ip['ext']:
            if x['name'] == 'hop-by-hop':
                facts[pre + 'hbh'] = 1
            if 'hao' in x:
                facts[pre + 'hao'] = x['hao']
            if x['name'] == 'routing':
                facts[pre + 'rh.type'] = x['rh_type']
                facts[pre + 'rh.segleft'] = x['segleft']
                if 'rh2_addr' in x:
                    facts[pre + 'rh2.addr'] = x['rh2_addr']
            if x['name'] == 'fragment':
                facts[pre + 'frag.id'] = x['frag_id']
                facts[pre + 'frag.offset'] = x['frag_offset']
                facts[pre + 'frag.more'] = int(x['frag_more'])
    mh = obj.get('mh')
    if not mh:
        data_facts(obj, facts)
        return facts
    facts['_csum_ok'] = mh['checksum_ok']
    for k, j in (('mh.proto', 'proto'), ('mh.hlen', 'hdr_len'), ('mh.type', 'type'),
                 ('mh.reserved', 'reserved'), ('mh.csum', 'checksum')):
        facts[k] = mh[j]
    t = mh['type']
    if t == 0:
        facts['brr.reserved'] = mh['body_reserved']
    elif t in (1, 2):
        facts['ti.cookie'] = mh['cookie']
    elif t in (3, 4):
        facts['test.index'] = mh['nonce_index']
        facts['test.cookie'] = mh['cookie']
        facts['test.token'] = mh['token']
    elif t == 5:
        facts['bu.seq'] = mh['seq']
        facts['bu.lifetime'] = mh['lifetime']
        for f, bit in BU_FLAG_BITS.items():
            facts['bu.flag.' + f] = int(bool(mh['flags'] & bit))
    elif t == 6:
        facts['ba.status'] = mh['status']
        facts['ba.seq'] = mh['seq']
        facts['ba.lifetime'] = mh['lifetime']
        for f, bit in BA_FLAG_BITS.items():
            facts['ba.flag.' + f] = int(bool(mh['flags'] & bit))
    elif t == 7:
        facts['be.status'] = mh['status']
        facts['be.home'] = mh['home']
    else:
        facts['other.data'] = mh['body']
    if t > 7:
        return facts
    j = pad = 0
    for o in mh['options']:
        if o['type'] == 0:
            pad += o['len']
            continue
        if o['type'] == 1:
            pad += o['len'] + 2
            continue
        pre = 'opt%d.' % j
        j += 1
        facts[pre + 'type'] = o['type']
        facts[pre + 'len'] = o['len']
        at = mh['offset'] + o['offset'] + 2
        facts[pre + 'data'] = frame[at:at + o['len']].hex()
        for k, jk in KIT_OPTS.get(o['type'], []):
            if jk in o:
                facts[pre + k] = kit_value(o[jk])
        if o['type'] == 35 and 'coa' in o:
            facts[pre + ('coa6' if ':' in o['coa'] else 'coa4')] = o['coa']
        if o['type'] in (7, 8) and o['len'] >= 1:
            facts[pre + ('lla' if o['type'] == 7 else 'id')] = o['data'][2:]
    facts['opts'] = j
    facts['pad'] = pad
    return facts


def tagged(o):
    """The data as on the wire: a tagged packet's magic and tag (SPEC.md
    tag=) before the data mip6kit shows apart."""
    return ('6d366b54%08x' % o['tag'] if 'tag' in o else '') + o['data']


ND_FLAG_BITS = {134: [('M', 0x80), ('O', 0x40), ('H', 0x20)],
                136: [('R', 0x80000000), ('S', 0x40000000), ('O', 0x20000000)],
                147: [('M', 0x8000), ('O', 0x4000)]}


def nd_facts(ic, facts):
    """The ND / RFC 6275 keys of an icmp6 object -> canonical nd.* keys."""
    t = ic['type']
    for k in ('id', 'target', 'cur_hlim', 'router_lifetime', 'reachable', 'retrans', 'slla', 'tlla',
              'mtu', 'advint', 'ha_pref', 'ha_lifetime'):
        if k in ic:
            facts['nd.' + k] = ic[k]
    for letter, bit in ND_FLAG_BITS.get(t, []):
        facts['nd.flag.' + letter] = int(bool(ic['flags'] & bit))
    for i, h in enumerate(ic.get('home_agents', [])):
        facts['nd.ha%d' % i] = h['addr']
    for i, p in enumerate(ic.get('prefixes', [])):
        pre = 'nd.prefix%d.' % i
        facts[pre + 'plen'] = p['plen']
        for letter, bit in (('l', 0x80), ('a', 0x40), ('r', 0x20)):
            facts[pre + letter] = int(bool(p['flags'] & bit))
        facts[pre + 'valid'] = p['valid']
        facts[pre + 'pref'] = p['preferred']
        facts[pre + 'prefix'] = p['prefix']


def data_facts(obj, facts):
    """The icmp6 (Echo, ND, RFC 6275) or udp object of `decode --data
    --json` -> canonical keys."""
    ic, u = obj.get('icmp6'), obj.get('udp')
    if ic and ('id' in ic or 'message' in ic):
        facts['_csum_ok'] = ic['checksum_ok']
        for k, j in (('type', 'type'), ('code', 'code'), ('csum', 'checksum')):
            facts['icmp6.' + k] = ic[j]
        if 'message' in ic:
            nd_facts(ic, facts)
        else:
            facts['icmp6.echo_id'] = ic['id']
            facts['icmp6.echo_seq'] = ic['seq']
            facts['icmp6.data'] = tagged(ic)
    elif u:
        facts['_csum_ok'] = u['checksum_ok']
        for k, j in (('sport', 'sport'), ('dport', 'dport'), ('len', 'len'),
                     ('csum', 'checksum')):
            facts['udp.' + k] = u[j]
        facts['udp.data'] = tagged(u)


def optional_for_tshark(key, ts):
    """Keys mip6kit shows that this tshark leaves out by design (NOT_CHECKED)."""
    return key in ('brr.reserved',) or key.startswith('_')


def build_pcaps(kitbin, specs, tmp):
    """Build the packets, grouped by link type: [(pcap path, [spec index, ...])]."""
    groups = {}
    for i, (_, _, spec) in enumerate(specs):
        groups.setdefault('noeth' in spec.split(), []).append(i)
    out = []
    for raw, idx in sorted(groups.items()):
        sf = os.path.join(tmp, 'raw.spec' if raw else 'eth.spec')
        pcap = os.path.join(tmp, 'raw.pcap' if raw else 'eth.pcap')
        with open(sf, 'w') as f:
            for i in idx:
                f.write(specs[i][2] + '\n')
        r = run([kitbin, 'build', '-f', sf, '-o', pcap])
        if r.returncode != 0:
            raise RuntimeError('mip6kit build -f %s failed: %s' % (sf, r.stderr.decode().strip()))
        out.append((pcap, idx))
    return out


def kit_decode(kitbin, pcap):
    r = run([kitbin, 'decode', '--json', '--data', pcap])
    if r.returncode not in (0, 1):
        raise RuntimeError('mip6kit decode --json --data %s: exit %d: %s'
                           % (pcap, r.returncode, r.stderr.decode().strip()))
    return {o['frame']: o for o in map(json.loads, r.stdout.decode().splitlines())}


def check_all(kitbin, specs, tmp, verbose):
    passed = failed = 0
    for pcap, idx in build_pcaps(kitbin, specs, tmp):
        frames = read_pcap(pcap)
        tpkts = tshark_run(pcap)
        kpkts = kit_decode(kitbin, pcap)
        if not (len(frames) == len(tpkts) == len(idx)):
            raise RuntimeError('%s: %d specs, %d frames, tshark saw %d packets'
                               % (pcap, len(idx), len(frames), len(tpkts)))
        for n, i in enumerate(idx):
            name, want_valid, spec = specs[i]
            ts, experts, malformed, where = tshark_facts(tpkts[n])
            obj = kpkts.get(n + 1)
            if obj is None:
                bad = ['mip6kit decode printed nothing for this packet']
            else:
                kit = kit_facts(obj, frames[n][1])
                kit['valid'] = obj['valid']
                if 'header-len-short' in kit['_errors']:  # see NOT_CHECKED
                    for k in [k for k in ts if k.split('.')[0] in BODY_FAMILIES]:
                        del ts[k]
                csum_ok = upper_checksum_ok(frames[n][1], *where) if where else None
                bad = compare(name, want_valid, kit, ts, experts, malformed, csum_ok,
                              kit.get('_csum_ok'))
            if bad:
                failed += 1
                print('FAIL %s: %s' % (name, spec))
                for b in bad:
                    print('    ' + b)
            else:
                passed += 1
                if verbose:
                    print('ok   %s (%d fields compared)' % (name, len(ts)))
    print('not checked by tshark (said, not skipped):')
    for what, why in NOT_CHECKED:
        print('  - %s: %s' % (what, why))
    p, f = check_names(kitbin, tmp, verbose)
    passed += p
    failed += f
    print('tshark_crosscheck: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


# ---------------------------------------------------------------------------
# Names: option types and BA/BE status codes, tshark's words against mip6kit's.
# ---------------------------------------------------------------------------

# (table, value) -> (what tshark 4.0 prints, why mip6kit's name differs).
# mip6kit's names follow the IANA Mobile IPv6 parameters registries (codec/names.c).
NAME_DIFFS = {
    ('option', 5): ('Authorization Data', 'the registry\'s wording; mip6kit uses the option '
                    'name of RFC 6275 s6.2.7, Binding Authorization Data'),
    ('option', 9): ('AUTH-OPTION-TYPE', 'the registry holds RFC 4285\'s constant; mip6kit uses '
                    'the option name of RFC 4285 s5'),
    ('option', 10): ('MESG-ID-OPTION-TYPE', 'the registry holds RFC 4285\'s constant; mip6kit '
                     'uses the option name of RFC 4285 s6'),
    ('option', 24): ('Access Technology Type Option', 'tshark keeps the word "Option" here only'),
    ('option', 41): ('Mobile Node Link-local Address Interface Identifier', 'tshark 4.0 heads '
                     'option 41 with the name of 42 (the registry: Local Mobility Anchor Address)'),
    ('option', 49): ('Alternate IPv4', 'tshark shortens the registry\'s Alternate IPv4 Care-of '
                     'Address'),
    ('ba', 143): ('Mobile Network Prefix information unavailable', 'tshark 4.0 keeps pre-RFC '
                  'values for 143 and 145-148; the registry: Forwarding Setup failed (RFC 3963)'),
    ('ba', 145): ('Proxy Registration not supported by the LMA', 'pre-RFC value in tshark; the '
                  'registry: MIPV6-MESG-ID-REQD (RFC 4285)'),
    ('ba', 146): ('Proxy Registrations from this MAG not allowed', 'pre-RFC value in tshark; the '
                  'registry: MIPV6-AUTH-FAIL (RFC 4285)'),
    ('ba', 147): ('No home address for this NAI', 'pre-RFC value in tshark; the registry: '
                  'Permanent home keygen token unavailable (RFC 4866)'),
    ('ba', 148): ('Invalid Time Stamp Option', 'pre-RFC value in tshark; the registry: CGA and '
                  'signature verification failed (RFC 4866)'),
    ('be', 2): ('Unrecognized MH type value', 'letter case: RFC 6275 s6.1.9 writes "MH Type"'),
}

NAME_ADDRS = 'src=2001:db8:3::100 dst=2001:db8:1::1'


def name_specs():
    """[(table, value, spec)]: every option type in a BU, every BA and BE status."""
    out = [('option', 0, 'bu seq=1 pad1=4 verbatim ' + NAME_ADDRS),
           ('option', 1, 'bu seq=1 padn=2 verbatim ' + NAME_ADDRS)]
    out += [('option', t, 'bu seq=1 opt=%d,%s %s' % (t, '00' * 16, NAME_ADDRS))
            for t in range(2, 256)]
    out += [('ba', v, 'ba status=%d seq=1 lifetime=0 %s' % (v, NAME_ADDRS)) for v in range(256)]
    out += [('be', v, 'be status=%d home=2001:db8:2::100 %s' % (v, NAME_ADDRS))
            for v in range(256)]
    return out


def strip_value(text):
    """"NAME (42)" -> NAME; tshark's "Unknown (42)" -> None."""
    name = text.rsplit(' (', 1)[0].strip()
    return None if name == 'Unknown' else name


def tshark_name(pkt, table, value):
    """The name tshark prints for the option type or status value in one packet."""
    if table in ('ba', 'be'):
        e = find_field(pkt, 'mip6.%s.status' % table)
        return strip_value(e.get('showname').split(': ', 1)[1]) if e is not None else None
    for o in pkt.iter('field'):
        n = o.get('name') or ''
        raw = (o.get('value') or '').lower()
        if not raw.startswith('%02x' % value) or not (n.startswith('mip6.options.') or
                                                        o.get('show', '').startswith('Unknown')):
            continue
        if n.startswith('mip6.options.'):
            # "MIPv6 Option - NAME" or "MIPv6 Option - NAME: what it holds"
            return o.get('showname').split(' - ', 1)[1].split(': ', 1)[0].strip()
        c = child_field(o, 'mip6.mobility_opt')
        return strip_value(c.get('showname').split(': ', 1)[1]) if c is not None else None
    return None


def kit_name(obj, table, value):
    mh = obj.get('mh') or {}
    if table in ('ba', 'be'):
        return mh.get('status_name')
    for o in mh.get('options', []):
        if o['type'] == value:
            return o['name']
    return None


def check_names(kitbin, tmp, verbose):
    """Compares the names; returns (passed, failed)."""
    specs = name_specs()
    sf, pcap = os.path.join(tmp, 'names.spec'), os.path.join(tmp, 'names.pcap')
    with open(sf, 'w') as f:
        f.write(''.join(spec + '\n' for _, _, spec in specs))
    r = run([kitbin, 'build', '-f', sf, '-o', pcap])
    if r.returncode != 0:
        raise RuntimeError('mip6kit build -f %s failed: %s' % (sf, r.stderr.decode().strip()))
    tpkts = tshark_run(pcap)
    kpkts = kit_decode(kitbin, pcap)
    if len(tpkts) != len(specs):
        raise RuntimeError('%s: %d specs, tshark saw %d packets' % (pcap, len(specs), len(tpkts)))
    passed = failed = 0
    untold = {}
    for n, (table, value, _) in enumerate(specs):
        ts = tshark_name(tpkts[n], table, value)
        kit = kit_name(kpkts.get(n + 1, {}), table, value)
        diff = NAME_DIFFS.get((table, value))
        if diff is not None:
            ok = ts == diff[0] and kit not in (None, 'unassigned')
            why = 'tshark %r, NAME_DIFFS expects %r' % (ts, diff[0])
        elif ts is None:
            # tshark names nothing: mip6kit's name (from the registry) is listed below
            ok = True
            if kit not in (None, 'unassigned'):
                untold.setdefault(table, []).append(value)
        else:
            ok = ts == kit
            why = 'tshark %r' % ts
        if ok:
            passed += 1
            if verbose:
                print('ok   name %s %d: %r' % (table, value, kit))
        else:
            failed += 1
            print('FAIL name %s %d: mip6kit %r, %s' % (table, value, kit, why))
    print('names: %d option types, BA and BE status values compared with tshark' % len(specs))
    for table, vals in sorted(untold.items()):
        print('  named by mip6kit (IANA registry), not by tshark 4.0: %s %s'
              % (table, ','.join(map(str, vals))))
    print('  wording differences (NAME_DIFFS):')
    for (table, value), (ts, why) in sorted(NAME_DIFFS.items()):
        print('    %s %d: tshark %r: %s' % (table, value, ts, why))
    return passed, failed


# ---------------------------------------------------------------------------

def load_specs(path):
    specs = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            parts = line.split(None, 2)
            if len(parts) != 3 or parts[1] not in ('valid', 'invalid'):
                raise SystemExit('%s:%d: want NAME valid|invalid SPEC' % (path, n))
            specs.append((parts[0], parts[1] == 'valid', parts[2]))
    names = [s[0] for s in specs]
    dup = sorted({x for x in names if names.count(x) > 1})
    if dup:
        raise SystemExit('%s: duplicate names: %s' % (path, ' '.join(dup)))
    return specs


def run(cmd):
    return subprocess.run(cmd, capture_output=True)


def fmt(v):
    return 'absent' if v is None else repr(v)


def compare(name, want_valid, kit, ts, experts, malformed, csum_ok, kit_csum_ok):
    """Problems with one packet, as lines; empty when it passes."""
    bad = []
    if kit.get('valid') is not want_valid:
        bad.append('mip6kit says valid=%s, the spec file says %s (errors: %s)'
                   % (kit.get('valid'), 'valid' if want_valid else 'invalid',
                      kit.get('_errors')))
    for k in sorted(ts):
        if kit.get(k) != ts[k]:
            bad.append('%s: tshark %s, mip6kit %s' % (k, fmt(ts[k]), fmt(kit.get(k))))
    # Keys mip6kit shows in the same families that tshark did not show:
    # a field one decoder sees and the other does not is a disagreement too.
    for k in sorted(kit):
        if k.startswith('_') or k in ts:
            continue
        if k.split('.')[0] in {t.split('.')[0] for t in ts} and not optional_for_tshark(k, ts):
            bad.append('%s: tshark absent, mip6kit %s' % (k, fmt(kit[k])))
    if csum_ok is not None and kit_csum_ok is not None and csum_ok != kit_csum_ok:
        bad.append('checksum: computed from tshark\'s bytes %s, mip6kit %s'
                   % ('ok' if csum_ok else 'bad', 'ok' if kit_csum_ok else 'bad'))
    if want_valid:
        if malformed:
            bad.append('tshark: Malformed Packet')
        for sev, msg in experts:
            if sev >= PI_ERROR:
                bad.append('tshark expert error: %s' % msg)
    return bad


def main():
    args = [a for a in sys.argv[1:]]
    verbose = '-v' in args
    keep = None
    if '-k' in args:
        keep = args[args.index('-k') + 1]
        del args[args.index('-k'):args.index('-k') + 2]
    args = [a for a in args if a != '-v']
    if len(args) != 1:
        print('usage: tshark_crosscheck.py MIP6KIT_BINARY [-v] [-k DIR]', file=sys.stderr)
        print('tshark_crosscheck: 0 passed, 1 failed')
        return 1
    kitbin = os.path.abspath(args[0])
    specs = load_specs(SPECS)
    if not shutil.which('tshark'):
        print('tshark not found: install it (make deps) - this check does not skip')
        print('tshark_crosscheck: 0 passed, %d failed' % len(specs))
        return 1
    print('tshark: ' + run(['tshark', '--version']).stdout.decode().splitlines()[0])
    tmp = keep or tempfile.mkdtemp(prefix='m6xcheck.')
    os.makedirs(tmp, exist_ok=True)
    try:
        return check_all(kitbin, specs, tmp, verbose)
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
