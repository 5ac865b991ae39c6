#!/usr/bin/env python3
"""Lists the GPU architectures a CUDA shared library carries code for.

usage: bench/cuda_archs.py [LIBRARY]   (default: libnd4jcuda.so from ~/.m2's nd4j-cuda-11.6 M2.1 jar)

Walks the fat binaries (magic 0xBA55ED50) embedded in the library and counts their entries by kind
(cubin = machine code for one compute capability, PTX = code the driver can compile for newer GPUs).
"""
import collections, glob, os, re, struct, sys, zipfile

def library_bytes(path):
    if path.endswith(".jar"):
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist() if n.endswith("/libnd4jcuda.so"))
            return z.read(name)
    with open(path, "rb") as f:
        return f.read()

def main():
    if len(sys.argv) > 1:
        path = sys.argv[1]
    else:
        jars = glob.glob(os.path.expanduser("~/.m2/repository/org/nd4j/nd4j-cuda-11.6/1.0.0-M2.1/*-linux-x86_64.jar"))
        if not jars:
            sys.exit("no nd4j-cuda-11.6 linux-x86_64 jar in ~/.m2: run 'mvn -P cuda compile' first, or give a library")
        path = jars[0]
    data = library_bytes(path)
    kinds = collections.Counter()
    binaries = 0
    for m in re.finditer(re.escape(struct.pack("<I", 0xBA55ED50)), data):
        off = m.start()
        _version, header, size = struct.unpack_from("<HHQ", data, off + 4)
        if header != 16:
            continue
        binaries += 1
        p, end = off + header, off + header + size
        while p < end:
            kind, _ver, entry_header, payload = struct.unpack_from("<HHIQ", data, p)
            arch = struct.unpack_from("<I", data, p + 28)[0]
            kinds[("PTX" if kind == 1 else "cubin", arch)] += 1
            if entry_header == 0:
                break
            p += entry_header + payload
    print(f"{path}: {binaries} fat binaries")
    for (kind, arch), n in sorted(kinds.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"  {kind:5} compute capability {arch // 10}.{arch % 10}: {n} entries")
    if not any(kind == "PTX" for kind, _ in kinds):
        newest = max(arch for _, arch in kinds) if kinds else 0
        print(f"no PTX: GPUs newer than compute capability {newest // 10}.x cannot run this library")

if __name__ == "__main__":
    main()
