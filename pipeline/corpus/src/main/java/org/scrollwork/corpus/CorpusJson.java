package org.scrollwork.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scrollwork.aunn.data.Role;

/** The JSON view printed by {@code scrollwork corpus DIR}. */
final class CorpusJson {
    private CorpusJson() {}

    static String describe(Corpus c, Manifest m) {
        ObjectNode o = MetaJson.MAPPER.createObjectNode();
        o.put("directory", c.directory().toString());
        o.put("indexBits", m.indexBits());
        o.put("fingerprint", c.fingerprint());
        o.put("legacyFingerprint", c.legacyFingerprint());
        ObjectNode counts = o.putObject("counts");
        for (Role r : Role.values()) counts.put(r.name(), c.count(r));
        ArrayNode recs = o.putArray("records");
        for (CorpusRecord r : m.records()) recs.add(ManifestCodec.recordJson(r));
        ArrayNode masks = o.putArray("masks");
        for (Mask k : m.masks()) masks.add(ManifestCodec.maskJson(k));
        try {
            return MetaJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise corpus view", e);
        }
    }
}
