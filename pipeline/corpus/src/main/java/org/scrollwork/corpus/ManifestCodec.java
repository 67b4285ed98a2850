package org.scrollwork.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.io.DataType;

/**
 * Reads and writes {@code manifest.json} (CORPUS.md, rules M1-M6): an envelope
 * {@code {"checksum":"crc32c:XXXXXXXX","manifest":BODY}\n} whose checksum is the CRC32C of BODY's exact bytes.
 */
final class ManifestCodec {
    static final String FORMAT = "scrollwork-corpus";
    static final int VERSION = 1;
    static final String PREFIX_HEAD = "{\"checksum\":\"crc32c:";
    /** Length of {@code {"checksum":"crc32c:XXXXXXXX","manifest":}. */
    static final int PREFIX_LENGTH = PREFIX_HEAD.length() + 8 + "\",\"manifest\":".length();

    private ManifestCodec() {}

    /** The checksum of a manifest file's body as 8 lowercase hex digits. */
    static String checksumHex(byte[] body) {
        CRC32C c = new CRC32C();
        c.update(body);
        return String.format("%08x", c.getValue());
    }

    static byte[] encode(Manifest m) {
        byte[] body = bodyBytes(m);
        String head = PREFIX_HEAD + checksumHex(body) + "\",\"manifest\":";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + body.length + 2];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        out[out.length - 2] = '}';
        out[out.length - 1] = '\n';
        return out;
    }

    /** The checksum hex of an encoded manifest file (its fingerprint). */
    static String checksumOf(byte[] file) {
        return new String(file, PREFIX_HEAD.length(), 8, StandardCharsets.US_ASCII);
    }

    static Manifest decode(Path path, byte[] file) {
        if (file.length < PREFIX_LENGTH + 2) throw new CorruptCorpusException(path, file.length, "manifest truncated: only " + file.length + " bytes");
        String head = new String(file, 0, PREFIX_LENGTH, StandardCharsets.US_ASCII);
        if (!head.startsWith(PREFIX_HEAD) || !head.endsWith("\",\"manifest\":")) {
            throw new CorruptCorpusException(path, 0, "not a corpus manifest (bad envelope)");
        }
        int end = file.length;
        if (file[end - 1] == '\n') end--;
        if (file[end - 1] != '}') throw new CorruptCorpusException(path, end - 1, "manifest truncated: envelope not closed");
        byte[] body = java.util.Arrays.copyOfRange(file, PREFIX_LENGTH, end - 1);
        String expected = head.substring(PREFIX_HEAD.length(), PREFIX_HEAD.length() + 8);
        String actual = checksumHex(body);
        if (!expected.equals(actual)) {
            throw new CorruptCorpusException(path, PREFIX_LENGTH, "manifest checksum mismatch: recorded crc32c " + expected + ", body has " + actual);
        }
        try {
            return fromJson(MetaJson.MAPPER.readTree(body));
        } catch (java.io.IOException | RuntimeException e) {
            throw new CorruptCorpusException(path, PREFIX_LENGTH, "manifest body does not parse: " + e.getMessage(), e);
        }
    }

    private static byte[] bodyBytes(Manifest m) {
        ObjectNode o = MetaJson.MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("indexBits", m.indexBits());
        ArrayNode segs = o.putArray("segments");
        for (SegmentInfo s : m.segments()) segs.addObject().put("file", s.file()).put("length", s.length());
        ArrayNode recs = o.putArray("records");
        for (CorpusRecord r : m.records()) recs.add(recordJson(r));
        ArrayNode masks = o.putArray("masks");
        for (Mask k : m.masks()) masks.add(maskJson(k));
        try {
            return MetaJson.MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    /** One mask as JSON (rule M6): {@code {"record", "role", "box": [x0, y0, z0, x1, y1, z1]}}. */
    static ObjectNode maskJson(Mask k) {
        Box b = k.box();
        ObjectNode mo = MetaJson.MAPPER.createObjectNode();
        mo.put("record", k.recordId());
        mo.put("role", k.role().name());
        mo.set("box", MetaJson.MAPPER.createArrayNode().add(b.x0()).add(b.y0()).add(b.z0()).add(b.x1()).add(b.y1()).add(b.z1()));
        return mo;
    }

    /** One record as JSON: the manifest's record entry and the {@code scrollwork corpus DIR} view. */
    static ObjectNode recordJson(CorpusRecord r) {
        ObjectNode o = MetaJson.MAPPER.createObjectNode();
        o.put("id", r.id());
        o.put("kind", r.kind().name());
        o.put("offset", r.offset());
        o.put("blockBits", r.blockBits());
        o.set("shape", MetaJson.extent(r.shape()));
        o.set("paddedShape", MetaJson.extent(r.paddedShape()));
        o.put("dtype", r.dataType().numpyName());
        o.put("paddedVoxelBytes", r.paddedVoxelBytes());
        o.put("length", r.length());
        o.put("segment", r.segment());
        o.put("segmentOffset", r.segmentOffset());
        o.put("crc32c", String.format("%08x", r.crc32c()));
        o.put("alignedWith", r.alignedWith());
        o.put("describes", r.describes());
        o.set("meta", MetaJson.write(r.meta()));
        return o;
    }

    private static Manifest fromJson(JsonNode o) {
        if (!FORMAT.equals(o.path("format").asText()) || o.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("format " + o.path("format") + " version " + o.path("version") + " is not " + FORMAT + " " + VERSION);
        }
        List<SegmentInfo> segs = new ArrayList<>();
        for (JsonNode s : o.get("segments")) segs.add(new SegmentInfo(s.get("file").asText(), s.get("length").asLong()));
        List<CorpusRecord> recs = new ArrayList<>();
        for (JsonNode r : o.get("records")) {
            CorpusRecord rec = new CorpusRecord(r.get("id").asInt(), RecordKind.valueOf(r.get("kind").asText()), r.get("offset").asLong(),
                    MetaJson.extent(r.get("shape")), MetaJson.extent(r.get("paddedShape")), DataType.fromNumpyName(r.get("dtype").asText()),
                    r.get("paddedVoxelBytes").asInt(), r.get("segment").asText(), r.get("segmentOffset").asLong(),
                    Long.parseLong(r.get("crc32c").asText(), 16), r.get("alignedWith").asInt(), r.get("describes").asInt(), MetaJson.read(r.get("meta")));
            if (rec.id() != recs.size()) throw new IllegalArgumentException("record ids must count up from 0; found " + rec.id() + " at position " + recs.size());
            if (rec.length() != r.get("length").asLong()) throw new IllegalArgumentException("record " + rec.id() + ": length disagrees with shape and dtype");
            if (!recs.isEmpty() && rec.offset() < recs.get(recs.size() - 1).end()) throw new IllegalArgumentException("record " + rec.id() + " overlaps its predecessor");
            if (rec.end() > (1L << o.get("indexBits").asInt())) throw new IllegalArgumentException("record " + rec.id() + " ends beyond the index space");
            recs.add(rec);
        }
        List<Mask> masks = new ArrayList<>();
        for (JsonNode k : o.get("masks")) {
            JsonNode b = k.get("box");
            masks.add(new Mask(k.get("record").asInt(), new Box(b.get(0).asLong(), b.get(1).asLong(), b.get(2).asLong(), b.get(3).asLong(),
                    b.get(4).asLong(), b.get(5).asLong()), Role.valueOf(k.get("role").asText().toUpperCase(Locale.ROOT))));
        }
        return new Manifest(o.get("indexBits").asInt(), segs, recs, masks);
    }
}
