#!/usr/bin/env python3
"""expiry_variants.py - two recordings of pcaps/replay/HA-LIFE-01.pcap (BU
granted 4 s at frames 1-3, an echo request with a Home Address option every
250 ms at frames 4, 6, ..., 44, each answered by an echo reply, the last by
Binding Error 1 at frame 45) made into an IUT that behaves wrongly, for
replay_check.sh: whole pcap records moved or swapped, no packet parsed.
  never-expires.pcap  the last poll (4.99 s) answered by an echo reply (frame 43's)
  expires-early.pcap  the polls after 1.75 s dropped, the last one and its
                      Binding Error moved to 2.0 s after the BU
usage: expiry_variants.py HA-LIFE-01.pcap OUTDIR"""
import struct
import sys


def read_records(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\xd4\xc3\xb2\xa1":
        sys.exit(f"{path}: not a little-endian microsecond pcap")
    records, off = [], 24
    while off + 16 <= len(data):
        sec, usec, caplen, length = struct.unpack_from("<IIII", data, off)
        records.append([sec, usec, length, data[off + 16:off + 16 + caplen]])
        off += 16 + caplen
    if len(records) != 45:
        sys.exit(f"{path}: {len(records)} frames, not the 45 of HA-LIFE-01")
    return data[:24], records


def write(path, header, records):
    with open(path, "wb") as f:
        f.write(header)
        for sec, usec, length, body in records:
            f.write(struct.pack("<IIII", sec, usec, len(body), length) + body)


def at(record, t_us):
    return [t_us // 1000000, t_us % 1000000, record[2], record[3]]


header, rec = read_records(sys.argv[1])
out = sys.argv[2]
bu_us = rec[0][0] * 1000000 + rec[0][1]
last_us = rec[44][0] * 1000000 + rec[44][1]
write(f"{out}/never-expires.pcap", header, rec[:44] + [at(rec[42], last_us)])
write(f"{out}/expires-early.pcap", header,
      rec[:19] + [at(rec[43], bu_us + 2000000), at(rec[44], bu_us + 2000500)])
