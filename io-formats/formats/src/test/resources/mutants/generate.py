#!/usr/bin/python3
"""Writes the replayed corpus of hostile files (see README.txt) from files the reference libraries write.

Run with Debian's Python and its packages (what bin/test installs):

    apt-get install python3-numpy python3-tifffile python3-zarr python3-numcodecs python3-h5py python3-pil
    /usr/bin/python3 io-formats/formats/src/test/resources/mutants/generate.py

It replaces the format folders beside it (tiff, tiff-slices, ome-zarr, hdf5, nrrd, png, jpeg) and leaves
README.txt, EXPECTED.txt and itself alone. Each mutant is one valid file (or store, or folder) with one named
damage; the outcome the readers must give for it is in EXPECTED.txt, which ReplayCorpusTest checks. The
bytes are committed, so the test needs no Python; rerun this only to add mutants (output of other library
versions may differ in bytes, not in the damage).
"""
import gzip
import io
import json
import os
import shutil
import struct
import sys
import zlib

import h5py
import numcodecs
import numpy as np
import tifffile
import zarr
from PIL import Image, PngImagePlugin

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else HERE
Z, Y, X = 5, 12, 20
VOL = (np.arange(Z * Y * X).reshape(Z, Y, X) * 37 % 65521).astype('<u2')


def out(*parts):
    p = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def write(rel, data):
    with open(out(rel), 'wb') as f:
        f.write(bytes(data))


def cut(data, fraction=0.6):
    return bytes(data)[:int(len(data) * fraction)]


# ---- TIFF (tifffile): one strip per page, little endian unless said otherwise ----

def tiff_bytes(**kw):
    buf = io.BytesIO()
    tifffile.imwrite(buf, VOL, photometric='minisblack', rowsperstrip=Y, **kw)
    return bytearray(buf.getvalue())


PACK = {3: 'H', 4: 'I', 16: 'Q'}  # SHORT, LONG, LONG8


def set_tag(b, name, value, page=0):
    """Overwrites the (single, inline) value of a tag of a page."""
    with tifffile.TiffFile(io.BytesIO(bytes(b))) as t:
        tag = t.pages[page].tags[name]
        order = t.byteorder
        struct.pack_into(order + PACK[int(tag.dtype)], b, tag.valueoffset, value)
    return b


def tiff_mutants():
    write('tiff/strip-bytecount-absurd.tif', set_tag(tiff_bytes(), 'StripByteCounts', 0x7fffffff))
    write('tiff/strip-offset-past-end.tif', set_tag(tiff_bytes(), 'StripOffsets', 0xfffffff0, page=1))
    write('tiff/bigtiff-strip-bytecount-2e62.tif', set_tag(tiff_bytes(bigtiff=True), 'StripByteCounts', 1 << 62, page=2))
    b = tiff_bytes()
    with tifffile.TiffFile(io.BytesIO(bytes(b))) as t:
        w = t.pages[0].tags['ImageWidth']
        struct.pack_into('<H', b, w.offset + 2, 4)          # type LONG
        struct.pack_into('<I', b, w.offset + 8, 0xfffffff0)  # width 4 294 967 280
        offsets = t.pages[0].tags['StripOffsets']
        struct.pack_into('<I', b, offsets.offset + 4, 0x3fffffff)  # a billion strips, their offsets "out of line"
    write('tiff/width-absurd-and-strip-count-absurd.tif', b)
    b = tiff_bytes()
    with tifffile.TiffFile(io.BytesIO(bytes(b))) as t:
        p = t.pages[1]
        next_at = p.offset + 2 + 12 * len(p.tags)
        struct.pack_into('<I', b, next_at, p.offset)  # page 1's next IFD is page 1: a loop
    write('tiff/ifd-loop.tif', b)
    b = tiff_bytes(compression='zlib')
    with tifffile.TiffFile(io.BytesIO(bytes(b))) as t:
        p = t.pages[1]
        at, n = p.dataoffsets[0], p.databytecounts[0]
        for i in range(at + 2, at + n):
            b[i] = 0xa5  # the zlib header stays, the deflate stream is garbage
    write('tiff/deflate-strip-garbage.tif', b)
    write('tiff/truncated.tif', cut(tiff_bytes()))
    write('tiff/truncated-header.tif', tiff_bytes()[:6])


def tiff_slices_mutants():
    def folder(name):
        for z in range(3):
            buf = io.BytesIO()
            tifffile.imwrite(buf, VOL[z], photometric='minisblack')
            write('tiff-slices/%s/%05d.tif' % (name, z), buf.getvalue())

    folder('slice-truncated')
    p = out('tiff-slices', 'slice-truncated', '00001.tif')
    with open(p, 'rb') as f:
        data = f.read()
    write('tiff-slices/slice-truncated/00001.tif', cut(data))
    folder('slice-not-tiff')
    write('tiff-slices/slice-not-tiff/00001.tif', b'root:x:0:0:root:/root:/bin/bash\n')
    folder('slice-size-differs')
    buf = io.BytesIO()
    tifffile.imwrite(buf, VOL[2, :11], photometric='minisblack')
    write('tiff-slices/slice-size-differs/00002.tif', buf.getvalue())


# ---- OME-Zarr (zarr-python 2, numcodecs): bare arrays, as the readers accept them ----

def zarr_store(name, compressor=None):
    path = out('ome-zarr', name, '.zarray')
    shutil.rmtree(os.path.dirname(path), ignore_errors=True)
    a = zarr.open(os.path.dirname(path), mode='w', shape=(Z, Y, X), chunks=(3, Y, X), dtype='<u2',
                  compressor=compressor or numcodecs.Zlib(level=5))
    a[:] = VOL
    return os.path.dirname(path)


def edit_zarray(store, **changes):
    p = os.path.join(store, '.zarray')
    with open(p) as f:
        meta = json.load(f)
    meta.update(changes)
    with open(p, 'w') as f:
        json.dump(meta, f, indent=4, sort_keys=True)


def zarr_mutants():
    edit_zarray(zarr_store('shape-absurd.zarr'), shape=[1 << 40, 1 << 40, 1 << 40])
    edit_zarray(zarr_store('chunks-absurd.zarr'), chunks=[(1 << 31) - 1] * 3)
    edit_zarray(zarr_store('chunks-zero.zarr'), chunks=[0, 8, 10])
    edit_zarray(zarr_store('dtype-mismatch.zarr'), dtype='<u4')
    edit_zarray(zarr_store('dtype-unsupported.zarr'), dtype='<c16')
    s = zarr_store('zarray-truncated.zarr')
    with open(os.path.join(s, '.zarray'), 'rb') as f:
        data = f.read()
    write(os.path.relpath(os.path.join(s, '.zarray'), OUT), cut(data, 0.5))
    s = zarr_store('chunk-truncated.zarr')
    with open(os.path.join(s, '0.0.0'), 'rb') as f:
        data = f.read()
    write(os.path.relpath(os.path.join(s, '0.0.0'), OUT), cut(data, 0.5))
    s = zarr_store('blosc-nbytes-absurd.zarr', numcodecs.Blosc(cname='lz4', clevel=5, shuffle=numcodecs.Blosc.SHUFFLE))
    p = os.path.join(s, '0.0.0')
    with open(p, 'rb') as f:
        b = bytearray(f.read())
    struct.pack_into('<I', b, 4, 0x7fffffff)  # the blosc header's uncompressed size
    write(os.path.relpath(p, OUT), b)
    # an OME-NGFF group whose dataset path leaves the store
    g = out('ome-zarr', 'dataset-path-escapes.zarr', '.zgroup')
    shutil.rmtree(os.path.dirname(g), ignore_errors=True)
    root = zarr.open_group(os.path.dirname(g), mode='w')
    root.create_dataset('0', data=VOL, chunks=(3, Y, X), compressor=numcodecs.Zlib(level=5))
    root.attrs['multiscales'] = [{'version': '0.4', 'name': 'escape',
                                  'axes': [{'name': n, 'type': 'space', 'unit': 'micrometer'} for n in 'zyx'],
                                  'datasets': [{'path': '../shape-absurd.zarr',
                                                'coordinateTransformations': [{'type': 'scale', 'scale': [1, 1, 1]}]}]}]


# ---- HDF5 (h5py) ----

def h5_bytes(**kw):
    buf = io.BytesIO()
    with h5py.File(buf, 'w') as f:
        f.create_group('exchange').create_dataset('data', data=VOL, **kw)
    return bytearray(buf.getvalue())


def flip_z(b, z):
    """Sets the first dimension (and the maximum dimension) of the (Z, Y, X) dataspace to z."""
    old = struct.pack('<QQQ', Z, Y, X)
    at = b.find(old)
    assert at >= 0
    while at >= 0:
        struct.pack_into('<Q', b, at, z)
        at = b.find(old, at + 1)
    return b


def hdf5_mutants():
    write('hdf5/contiguous-dim-flipped.h5', flip_z(h5_bytes(), Z | (1 << 20)))
    write('hdf5/chunked-dim-flipped.h5', flip_z(h5_bytes(chunks=(3, 8, 10), compression='gzip'), Z | (1 << 20)))
    write('hdf5/dim-over-2e31.h5', flip_z(h5_bytes(), 1 << 40))
    b = h5_bytes()
    struct.pack_into('<Q', b, 40, 1 << 40)  # superblock v0: end-of-file address
    write('hdf5/eof-address-absurd.h5', b)
    write('hdf5/truncated.h5', cut(h5_bytes()))


# ---- NRRD (no library: headers by hand, data from NumPy) ----

def nrrd(sizes='%d %d %d' % (X, Y, Z), encoding='raw', data=None, extra=''):
    raw = VOL.tobytes() if data is None else data
    if encoding == 'gzip' and data is None:
        raw = gzip.compress(raw, mtime=0)
    head = ('NRRD0004\ntype: unsigned short\ndimension: 3\nsizes: %s\nendian: little\nencoding: %s\n%s\n'
            % (sizes, encoding, extra))
    return head.encode('ascii') + raw


def nrrd_mutants():
    write('nrrd/sizes-overflow.nrrd', nrrd(sizes='4294967296 4294967296 4294967296'))
    write('nrrd/sizes-huge-raw.nrrd', nrrd(sizes='20000 20000 20000'))
    write('nrrd/sizes-huge-gzip.nrrd', nrrd(sizes='20000 20000 20000', encoding='gzip'))
    write('nrrd/sizes-line-long.nrrd', nrrd(sizes='9' * 4000 + ' 12 5'))
    write('nrrd/dimension-9.nrrd', nrrd().replace(b'dimension: 3', b'dimension: 9'))
    write('nrrd/truncated.nrrd', cut(nrrd()))
    write('nrrd/gzip-truncated.nrrd', cut(nrrd(encoding='gzip')))
    for name, target in (('detached-escape', '../../tiff/truncated.tif'), ('detached-absolute', '/etc/passwd')):
        head = nrrd(data=b'', extra='data file: %s\n' % target).rstrip(b'\n') + b'\n'
        write('nrrd/%s/volume.nhdr' % name, head)
    # found by NrrdFuzzPropertiesTest: gzip data that inflates to other voxels (only its CRC-32 tells)
    stored = bytearray(gzip.compress(VOL.tobytes(), compresslevel=0, mtime=0))
    stored[len(stored) // 2] ^= 0x10
    write('nrrd/gzip-stored-byte-flipped.nrrd', nrrd(encoding='gzip', data=bytes(stored)))
    write('nrrd/dimension-2e32-plus-3.nrrd', nrrd().replace(b'dimension: 3', b'dimension: 4294967299'))
    write('nrrd/encoding-carriage-return.nrrd', nrrd(encoding='raw\rgzip'))
    head = nrrd(data=b'').rstrip(b'\n') + b'\n'  # no blank line: binary data read as header lines
    write('nrrd/header-runs-into-data.nrrd', head + b'\x1f\x8b\x08\x00\r\x00\xff\xfe\n' + VOL.tobytes())


# ---- PNG and JPEG (Pillow) ----

def image_mutants():
    img = Image.fromarray((VOL[0] % 256).astype(np.uint8), mode='L')
    for fmt, ext in (('png', 'png'), ('jpeg', 'jpg')):
        buf = io.BytesIO()
        img.save(buf, format=fmt.upper())
        write('%s/truncated.%s' % (fmt, ext), cut(buf.getvalue()))
    # found by GreyImageFuzzPropertiesTest: headers the decoder trusted (it ignores CRCs, allocates what IHDR claims)
    buf = io.BytesIO()
    img.save(buf, format='PNG')
    png = bytes(buf.getvalue())
    write('png/ihdr-height-bit-flipped.png', png[:20] + struct.pack('>I', Y ^ (1 << 24)) + png[24:])  # CRC left stale
    write('png/ihdr-size-absurd.png', png_ihdr(png, 30000, 30000))
    write('png/ihdr-size-2e31.png', png_ihdr(png, 2 ** 31 - 1, 2 ** 31 - 1))
    buf = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text('Comment', 'a tEXt chunk')
    img.save(buf, format='PNG', pnginfo=info)
    b = bytearray(buf.getvalue())
    struct.pack_into('>I', b, b.index(b'tEXt') - 4, 0x40000000)
    write('png/text-length-absurd.png', b)
    # 16-bit: a bit near the end of the deflate stream that still inflates, to other pixels of the last row
    # (the offset holds for Pillow 9.4 with zlib 1.2.13; the JDK's decoder stops before the Adler-32)
    y, x = np.mgrid[0:13, 0:19]
    buf = io.BytesIO()
    Image.fromarray(((x * 3001 + y * 977) % 65536).astype(np.uint16)).save(buf, format='PNG')
    b = bytearray(buf.getvalue())
    b[b.index(b'IDAT') + 4 + 79] ^= 1
    write('png/idat-bit-flipped-decodes.png', b)
    buf = io.BytesIO()
    img.save(buf, format='JPEG')
    b = bytearray(buf.getvalue())
    struct.pack_into('>HH', b, b.index(b'\xff\xc0') + 5, 30000, 30000)
    write('jpeg/sof-size-absurd.jpg', b)


def png_ihdr(png, width, height):
    """The PNG with IHDR's width and height replaced, and its CRC made valid again."""
    ihdr = png[12:16] + struct.pack('>II', width, height) + png[24:29]  # type and data: what the CRC covers
    return png[:12] + ihdr + struct.pack('>I', zlib.crc32(ihdr)) + png[33:]


if __name__ == '__main__':
    for d in ('tiff', 'tiff-slices', 'ome-zarr', 'hdf5', 'nrrd', 'png', 'jpeg'):
        shutil.rmtree(os.path.join(OUT, d), ignore_errors=True)
    tiff_mutants()
    tiff_slices_mutants()
    zarr_mutants()
    hdf5_mutants()
    nrrd_mutants()
    image_mutants()
