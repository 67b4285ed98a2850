package org.scrollwork.corpus;

import java.util.ArrayList;
import java.util.List;

/** The committed state of a corpus: index width, records (in offset order), segments and masks. Immutable. */
record Manifest(int indexBits, List<SegmentInfo> segments, List<CorpusRecord> records, List<Mask> masks) {
    Manifest {
        segments = List.copyOf(segments);
        records = List.copyOf(records);
        masks = List.copyOf(masks);
    }

    static Manifest empty(int indexBits) { return new Manifest(indexBits, List.of(), List.of(), List.of()); }

    /** First free index: the end of the last record's block (0 when empty). */
    long cursor() { return records.isEmpty() ? 0 : records.get(records.size() - 1).end(); }

    /** Name of the segment the next append writes. */
    String nextSegmentName() { return String.format("seg-%08d.dat", segments.size() + 1); }

    Manifest withAppend(SegmentInfo seg, List<CorpusRecord> added) {
        List<SegmentInfo> s = new ArrayList<>(segments);
        s.add(seg);
        List<CorpusRecord> r = new ArrayList<>(records);
        r.addAll(added);
        return new Manifest(indexBits, s, r, masks);
    }

    Manifest withMasks(List<Mask> added) {
        List<Mask> ms = new ArrayList<>(masks);
        ms.addAll(added);
        return new Manifest(indexBits, segments, records, ms);
    }

    Manifest withMask(Mask m) {
        List<Mask> ms = new ArrayList<>(masks);
        ms.add(m);
        return new Manifest(indexBits, segments, records, ms);
    }
}
