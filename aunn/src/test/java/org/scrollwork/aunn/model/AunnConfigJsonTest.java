package org.scrollwork.aunn.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AunnConfigJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roundTripsThroughJson() throws Exception {
        AunnConfig c = AunnConfig.defaults().withEncoding(EncodingSpec.gray(List.of(8, 10, 10, 10, 2))).withHeads(16, 8);
        String text = json.writeValueAsString(c);
        assertTrue(text.contains("\"kind\":\"GRAY\""), text);
        assertEquals(c, json.readValue(text, AunnConfig.class));
    }

    @Test
    void invalidJsonConfigIsRejectedByTheRecordsValidation() throws Exception {
        String text = json.writeValueAsString(AunnConfig.defaults()).replace("\"width\":512", "\"width\":-3");
        ValueInstantiationException e = assertThrows(ValueInstantiationException.class, () -> json.readValue(text, AunnConfig.class));
        assertTrue(e.getMessage().contains("width must be positive: -3"), e.getMessage());
    }
}
