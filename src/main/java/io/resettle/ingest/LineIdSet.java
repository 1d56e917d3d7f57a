package io.resettle.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The line ids seen so far in one export file (R2.5's duplicate check), kept as their UTF-8 bytes
 * one after another in one growing array and found through an open-addressing table of offsets.
 * A {@code HashSet<String>} of half a million ids held half a million strings and entries, which
 * every young collection of a 512 MiB heap copied and promoted: about 100 bytes an id of 20
 * characters against 40–60 here, and no objects per id (docs/performance.md).
 */
public final class LineIdSet {

    private static final int EMPTY = -1;
    /** The largest array the JVM allocates. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    /** The ids' bytes, each preceded by its length (two bytes, ids are at most 200 characters). */
    private byte[] bytes = new byte[1 << 16];
    private int used;
    /** Offsets into {@link #bytes}; {@link #EMPTY} where free. A power of two, at most half full. */
    private int[] slots = newSlots(1 << 12);
    private int size;

    /** Adds {@code id}; false if it was there already. */
    public boolean add(String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("line id of " + utf8.length + " bytes");
        }
        int hash = hash(utf8, 0, utf8.length);
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int offset = slots[i];
            if (offset == EMPTY) {
                slots[i] = append(utf8);
                if (++size * 2 > slots.length) {
                    grow();
                }
                return true;
            }
            if (equalsAt(offset, utf8)) {
                return false;
            }
        }
    }

    public int size() {
        return size;
    }

    private int append(byte[] utf8) {
        if (used + 2 + utf8.length > bytes.length) {
            long needed = (long) used + 2 + utf8.length;
            if (needed > MAX_BYTES) {
                throw new IllegalStateException("more line ids in one file than one set holds (" + size + ")");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_BYTES, Math.max(2L * bytes.length, needed)));
        }
        int offset = used;
        bytes[used++] = (byte) (utf8.length >>> 8);
        bytes[used++] = (byte) utf8.length;
        System.arraycopy(utf8, 0, bytes, used, utf8.length);
        used += utf8.length;
        return offset;
    }

    private boolean equalsAt(int offset, byte[] utf8) {
        int length = lengthAt(offset);
        return length == utf8.length && Arrays.equals(bytes, offset + 2, offset + 2 + length, utf8, 0, length);
    }

    private int lengthAt(int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }

    private void grow() {
        int[] old = slots;
        slots = newSlots(old.length * 2);
        int mask = slots.length - 1;
        for (int offset : old) {
            if (offset != EMPTY) {
                int i = hash(bytes, offset + 2, lengthAt(offset)) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = offset;
            }
        }
    }

    private static int[] newSlots(int n) {
        int[] slots = new int[n];
        Arrays.fill(slots, EMPTY);
        return slots;
    }

    /** FNV-1a, then mixed, so that ids differing only at the end spread over the table. */
    private static int hash(byte[] b, int from, int length) {
        int h = 0x811C9DC5;
        for (int i = from; i < from + length; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
