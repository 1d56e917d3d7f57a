package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFileChecksTest {

    @TempDir
    Path folder;

    @Test
    void theFirstNulIsFoundOnItsLineWhereverItFallsInAWordOrABuffer() throws Exception {
        Random random = new Random(3);
        int[] sizes = {0, 1, 7, 8, 9, 15, 16, 17, 65_535, 65_536, 65_537, 200_003};
        for (int size : sizes) {
            byte[] text = text(random, size);
            assertThat(ExportFileChecks.firstLineWithNul(write(text))).as("no NUL in %d bytes", size).isZero();
            for (int at : new int[] {0, size / 3, size / 2 + 1, size - 9, size - 8, size - 1}) {
                if (at < 0 || at >= size) {
                    continue;
                }
                byte[] withNul = text.clone();
                withNul[at] = 0;
                if (at + 5 < size && random.nextBoolean()) {
                    withNul[at + 5] = 0; // a later one does not matter
                }
                assertThat(ExportFileChecks.firstLineWithNul(write(withNul))).as("NUL at %d of %d", at, size)
                        .isEqualTo(lineOf(withNul, at));
            }
        }
    }

    @Test
    void aNulAtEveryPositionOfTheFirstWordsAndAroundTheBufferEdgeIsFound() throws Exception {
        Random random = new Random(5);
        byte[] text = text(random, 65_536 + 64);
        List<Integer> positions = new ArrayList<>();
        for (int at = 0; at < 64; at++) {
            positions.add(at);
        }
        for (int at = 65_536 - 16; at < 65_536 + 16; at++) {
            positions.add(at);
        }
        for (int at : positions) {
            byte[] withNul = text.clone();
            withNul[at] = 0;
            assertThat(ExportFileChecks.firstLineWithNul(write(withNul))).as("NUL at %d", at)
                    .isEqualTo(lineOf(withNul, at));
        }
    }

    @Test
    void bytesOfOneBelowAndAboveNulAreNotNul() throws Exception {
        byte[] bytes = new byte[64];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 2 == 0 ? 0x01 : 0x80);
        }
        assertThat(ExportFileChecks.firstLineWithNul(write(bytes))).isZero();
        bytes[41] = 0;
        assertThat(ExportFileChecks.firstLineWithNul(write(bytes))).isEqualTo(1);
    }

    private Path write(byte[] bytes) throws Exception {
        return Files.write(folder.resolve("export.csv"), bytes);
    }

    /** Printable text with a line feed about every 40 bytes, and some bytes above 0x7F. */
    private static byte[] text(Random random, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            int r = random.nextInt(48);
            bytes[i] = (byte) (r == 0 ? '\n' : r == 1 ? 0xE4 : r == 2 ? 0x01 : 'a' + r % 26);
        }
        return bytes;
    }

    private static long lineOf(byte[] bytes, int at) {
        long line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
