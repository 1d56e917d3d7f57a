package io.resettle.support.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** io-contract §2: UTF-8 with or without BOM, GB18030/GBK, and a file in none of them. */
class ExportEncodingTest {

    static final String CONSOLE = "账期,Owner账号ID,产品Code,计费方式,消费类型,应付金额\n2026-10,A,ecs,包年包月,新购,100.00\n";

    @TempDir
    Path dir;

    @Test
    void utf8WithoutBom() throws Exception {
        Path file = write("plain.csv", CONSOLE.getBytes(StandardCharsets.UTF_8));
        assertThat(ExportEncoding.detect(file)).contains(ExportEncoding.UTF_8);
    }

    @Test
    void utf8WithBom() throws Exception {
        byte[] body = CONSOLE.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Path file = write("bom.csv", withBom);
        assertThat(ExportEncoding.detect(file)).contains(ExportEncoding.UTF_8_BOM);
        assertThat(ExportEncoding.UTF_8_BOM.bomLength()).isEqualTo(3);
    }

    @Test
    void gbkIsReadAsGb18030() throws Exception {
        Path file = write("gbk.csv", CONSOLE.getBytes(Charset.forName("GBK")));
        assertThat(ExportEncoding.detect(file)).contains(ExportEncoding.GB18030);
        String decoded = new String(Files.readAllBytes(file), ExportEncoding.GB18030.charset());
        assertThat(decoded).isEqualTo(CONSOLE);
    }

    @Test
    void gb18030() throws Exception {
        Path file = write("gb18030.csv", CONSOLE.getBytes(Charset.forName("GB18030")));
        assertThat(ExportEncoding.detect(file)).contains(ExportEncoding.GB18030);
    }

    @Test
    void bytesThatNeitherEncodingReadsAreUnreadable() throws Exception {
        Path file = write("binary.csv", new byte[] {'a', ',', (byte) 0xFF, (byte) 0xFF, (byte) 0x80, '\n'});
        assertThat(ExportEncoding.detect(file)).isEmpty();
    }

    @Test
    void largeUtf8FileIsDecodedAcrossBufferBoundaries() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("2026-10,A,ecs,包年包月,新购,100.00\n");
        }
        Path file = write("large.csv", text.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(ExportEncoding.detect(file)).contains(ExportEncoding.UTF_8);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
