package org.scrollwork.corpus;

import java.util.List;
import java.util.OptionalInt;
import org.scrollwork.io.DataType;

/**
 * Where the next append goes (CORPUS.md rules L1-L5): the METADATA record at the first multiple of its
 * block size at or after the cursor, the data record at the first multiple of its own block size after
 * that. An aligned record takes the padded shape and voxel width of the record it aligns with.
 */
final class Placement {
    private Placement() {}

    /** Plans the METADATA and data records of an append; storage fields (offset in segment, CRC) are filled later. */
    static List<CorpusRecord> plan(Manifest m, RecordKind kind, Extent shape, DataType dtype, RecordMeta meta, OptionalInt alignWith) {
        int metaId = m.records().size();
        int dataId = metaId + 1;
        Extent padded;
        int pvb;
        int align = -1;
        if (alignWith.isPresent()) {
            align = alignWith.getAsInt();
            if (align < 0 || align >= m.records().size()) throw new IllegalArgumentException("cannot align with record " + align + ": no such record");
            CorpusRecord ref = m.records().get(align);
            if (ref.kind() == RecordKind.METADATA) throw new IllegalArgumentException("cannot align with record " + align + ": it is a METADATA record");
            if (!shape.fitsIn(ref.paddedShape())) {
                throw new IllegalArgumentException("shape " + shape + " does not fit record " + align + "'s padded shape " + ref.paddedShape());
            }
            if (dtype.bytesPerVoxel() > ref.paddedVoxelBytes()) {
                throw new IllegalArgumentException(dtype.numpyName() + " voxels are wider than record " + align + "'s " + ref.paddedVoxelBytes() + " bytes");
            }
            padded = ref.paddedShape();
            pvb = ref.paddedVoxelBytes();
        } else {
            padded = shape.padded();
            pvb = dtype.bytesPerVoxel();
        }
        int dataBits = CorpusRecord.blockBits(padded, pvb);
        // metadata length is known only once the JSON is written; it depends on ids, shapes and meta, all known now
        byte[] metaBytes = MetaJson.metadataRecordBytes(dataId, kind, dtype, shape, padded, align, meta);
        Extent metaShape = new Extent(metaBytes.length, 1, 1);
        Extent metaPadded = metaShape.padded();
        long limit = 1L << m.indexBits();
        if (dataBits > m.indexBits()) throw new CorpusFullException("a record of padded shape " + padded + " needs 2^" + dataBits + " indices; the corpus has 2^" + m.indexBits());
        long metaOff = alignUp(m.cursor(), metaPadded.x());
        long dataOff = alignUp(metaOff + metaPadded.x(), 1L << dataBits);
        if (metaOff + metaPadded.x() > limit || dataOff > limit - (1L << dataBits)) {
            throw new CorpusFullException("no room for a record of 2^" + dataBits + " indices after index " + m.cursor() + " in a 2^" + m.indexBits() + " corpus");
        }
        String seg = m.nextSegmentName();
        CorpusRecord metaRec = new CorpusRecord(metaId, RecordKind.METADATA, metaOff, metaShape, metaPadded, DataType.UINT8, 1, seg, 0, 0, -1, dataId, meta);
        CorpusRecord dataRec = new CorpusRecord(dataId, kind, dataOff, shape, padded, dtype, pvb, seg, metaBytes.length, 0, align, -1, meta);
        return List.of(metaRec, dataRec);
    }

    static CorpusRecord withStorage(CorpusRecord r, long segmentOffset, long crc) {
        return new CorpusRecord(r.id(), r.kind(), r.offset(), r.shape(), r.paddedShape(), r.dataType(), r.paddedVoxelBytes(), r.segment(),
                segmentOffset, crc, r.alignedWith(), r.describes(), r.meta());
    }

    static long alignUp(long v, long powerOfTwo) { return (v + powerOfTwo - 1) & -powerOfTwo; }
}
