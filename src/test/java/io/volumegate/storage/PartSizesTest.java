package io.volumegate.storage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartSizesTest {
    private static final long MIB = 1L << 20;

    @Test
    void equalPartsAndAShortLastOneEncodeAsTwoRuns() {
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < 12; i++) sizes.add(8 * MIB);
        sizes.add(4 * MIB + 1);
        PartSizes parts = PartSizes.of(sizes);
        assertEquals("8388608*12,4194305", parts.encode());
        assertEquals(13, parts.count());
        assertEquals(12 * 8 * MIB + 4 * MIB + 1, parts.total());
        assertEquals(0, parts.offsetOf(1));
        assertEquals(8 * MIB, parts.offsetOf(2));
        assertEquals(12 * 8 * MIB, parts.offsetOf(13));
        assertEquals(8 * MIB, parts.sizeOf(12));
        assertEquals(4 * MIB + 1, parts.sizeOf(13));
    }

    @Test
    void offsetsAndSizesOfMixedRunsMatchAPlainList() {
        List<Long> sizes = List.of(5 * MIB, 7 * MIB, 7 * MIB, 5 * MIB, 5 * MIB, 5 * MIB, 1L, 0L);
        PartSizes parts = PartSizes.parse(PartSizes.of(sizes).encode());
        long offset = 0;
        for (int n = 1; n <= sizes.size(); n++) {
            assertEquals(offset, parts.offsetOf(n), "offset of part " + n);
            assertEquals(sizes.get(n - 1), parts.sizeOf(n), "size of part " + n);
            offset += sizes.get(n - 1);
        }
        assertEquals(offset, parts.total());
    }

    @Test
    void tenThousandDifferentSizesStayParseable() {
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) sizes.add(5 * MIB + i);
        PartSizes parts = PartSizes.parse(PartSizes.of(sizes).encode());
        assertEquals(10_000, parts.count());
        assertEquals(5 * MIB + 9_999, parts.sizeOf(10_000));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PartSizes.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> PartSizes.parse("12*0"));
        assertThrows(IllegalArgumentException.class, () -> PartSizes.parse("x"));
        assertThrows(IndexOutOfBoundsException.class, () -> PartSizes.of(List.of(1L)).sizeOf(2));
    }
}
