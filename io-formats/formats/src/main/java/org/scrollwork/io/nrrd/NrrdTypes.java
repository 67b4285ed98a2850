package org.scrollwork.io.nrrd;

import java.nio.file.Path;
import java.util.Locale;
import org.scrollwork.io.DataType;
import org.scrollwork.io.UnsupportedFormatException;

/** NRRD type names (all of teem's spellings) for the data types Scrollwork stores. */
final class NrrdTypes {
    private NrrdTypes() {}

    /** The data type of a NRRD {@code type:} value. */
    static DataType parse(Path path, String name) {
        switch (name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")) {
            case "uchar": case "unsigned char": case "uint8": case "uint8_t":
                return DataType.UINT8;
            case "short": case "short int": case "signed short": case "signed short int": case "int16": case "int16_t":
                return DataType.INT16;
            case "ushort": case "unsigned short": case "unsigned short int": case "uint16": case "uint16_t":
                return DataType.UINT16;
            case "uint": case "unsigned int": case "uint32": case "uint32_t":
                return DataType.UINT32;
            case "float":
                return DataType.FLOAT32;
            case "double":
                return DataType.FLOAT64;
            default:
                throw new UnsupportedFormatException(path, "NRRD type '" + NrrdHeader.abbreviate(name)
                        + "' (read: uchar, short, ushort, uint, float, double)");
        }
    }

    /** The name Scrollwork writes for a data type (teem's canonical short names). */
    static String name(DataType t) {
        switch (t) {
            case UINT8: return "uchar";
            case INT16: return "short";
            case UINT16: return "ushort";
            case UINT32: return "uint";
            case FLOAT32: return "float";
            case FLOAT64: return "double";
            default: throw new AssertionError(t);
        }
    }
}
