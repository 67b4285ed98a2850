package org.scrollwork.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The corpus fingerprint of CORPUS.md rules F1-F4: SHA-256 of the manifest's content, that is the manifest body
 * without what says where the data came from (provenance: {@code sourcePath}, {@code sourceChecksum}) or where
 * its bytes are stored ({@code segments}, {@code segment}, {@code segmentOffset}), with masks in a canonical
 * order. Stored bytes count through the records' CRC32C, which the writer computed over exactly the bytes it
 * wrote; no data is read. A METADATA record counts by its kind, offset and the record it describes: its bytes
 * are rule T1's JSON of fields counted in the described record, plus the provenance (which makes its length
 * and CRC differ between two ingests of the same data from different paths).
 */
final class ContentFingerprint {
    /** Names the rule; a fingerprint without it ({@code crc32c:...}) is the manifest checksum of the rule before. */
    static final String PREFIX = "content-sha256:";
    /** Keys of a record's {@code meta} that say where the data came from: never counted. */
    static final List<String> PROVENANCE = List.of("sourcePath", "sourceChecksum");
    /** Keys of a record entry that say where its bytes are stored: never counted. */
    static final List<String> STORAGE = List.of("segment", "segmentOffset");
    /** Keys of a METADATA record entry that follow from its bytes' length and CRC, which the provenance changes. */
    static final List<String> METADATA_BYTES = List.of("blockBits", "shape", "paddedShape", "length", "crc32c");

    private static final Comparator<Mask> CANONICAL = Comparator.comparingInt(Mask::recordId)
            .thenComparingLong(m -> m.box().x0()).thenComparingLong(m -> m.box().y0()).thenComparingLong(m -> m.box().z0())
            .thenComparingLong(m -> m.box().x1()).thenComparingLong(m -> m.box().y1()).thenComparingLong(m -> m.box().z1())
            .thenComparing(Mask::role);

    private ContentFingerprint() {}

    /** {@code "content-sha256:"} + the SHA-256 of {@link #content}, 64 lowercase hex digits. */
    static String of(int indexBits, List<CorpusRecord> records, List<Mask> masks) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content(indexBits, records, masks)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The bytes hashed (rule F2): compact UTF-8 JSON {@code {"format", "version", "indexBits", "records", "masks"}}
     * with each record entry as in the manifest less the keys F3 leaves out, and the masks sorted (F4).
     */
    static byte[] content(int indexBits, List<CorpusRecord> records, List<Mask> masks) {
        ObjectNode o = MetaJson.MAPPER.createObjectNode();
        o.put("format", ManifestCodec.FORMAT);
        o.put("version", ManifestCodec.VERSION);
        o.put("indexBits", indexBits);
        ArrayNode recs = o.putArray("records");
        for (CorpusRecord r : records) recs.add(recordContent(r));
        List<Mask> sorted = new ArrayList<>(masks);
        sorted.sort(CANONICAL);
        ArrayNode ms = o.putArray("masks");
        for (Mask k : sorted) ms.add(ManifestCodec.maskJson(k));
        try {
            return MetaJson.MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the corpus content", e);
        }
    }

    private static ObjectNode recordContent(CorpusRecord r) {
        ObjectNode o = ManifestCodec.recordJson(r);
        o.remove(STORAGE);
        if (r.kind() == RecordKind.METADATA) o.remove(METADATA_BYTES);
        ((ObjectNode) o.get("meta")).remove(PROVENANCE);
        return o;
    }
}
