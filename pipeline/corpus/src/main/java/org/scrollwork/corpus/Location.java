package org.scrollwork.corpus;

import java.util.Optional;
import org.scrollwork.aunn.data.Role;

/**
 * What is at one index of the corpus.
 *
 * @param place       DATA (a real byte), PADDING (inside a record's block, outside its data) or GAP (no record)
 * @param recordId    the record whose block holds the index, or -1 for GAP
 * @param kind        that record's kind, empty for GAP
 * @param x           voxel coordinate within the padded block (0 for GAP); likewise y, z
 * @param byteInVoxel byte within the (padded) voxel, most significant first
 * @param role        the byte's role for DATA, empty otherwise
 */
public record Location(long index, Place place, int recordId, Optional<RecordKind> kind, long x, long y, long z, int byteInVoxel, Optional<Role> role) {

    /** Where an index falls. */
    public enum Place { DATA, PADDING, GAP }

    static Location gap(long index) {
        return new Location(index, Place.GAP, -1, Optional.empty(), 0, 0, 0, 0, Optional.empty());
    }
}
