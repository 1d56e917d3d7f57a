package io.resettle.support.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Encodings an export may have (io-contract §2): UTF-8 with or without BOM, else GB18030 (a
 * superset of GBK, as Excel saves Chinese console exports). Detected by decoding the whole file
 * strictly, streaming.
 */
public enum ExportEncoding {
    UTF_8("UTF-8", StandardCharsets.UTF_8, 0),
    UTF_8_BOM("UTF-8-BOM", StandardCharsets.UTF_8, 3),
    GB18030("GB18030", Charset.forName("GB18030"), 0);

    private final String label;
    private final Charset charset;
    private final int bomLength;

    ExportEncoding(String label, Charset charset, int bomLength) {
        this.label = label;
        this.charset = charset;
        this.bomLength = bomLength;
    }

    public String label() {
        return label;
    }

    public Charset charset() {
        return charset;
    }

    /** Bytes to skip at the start of the file. */
    public int bomLength() {
        return bomLength;
    }

    public static Optional<ExportEncoding> fromLabel(String label) {
        for (ExportEncoding encoding : values()) {
            if (encoding.label.equals(label)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    /** The first encoding that decodes every byte of the file; empty when none does. */
    public static Optional<ExportEncoding> detect(Path file) throws IOException {
        boolean bom = startsWithBom(file);
        if (decodesStrictly(file, StandardCharsets.UTF_8, bom ? 3 : 0)) {
            return Optional.of(bom ? UTF_8_BOM : UTF_8);
        }
        if (!bom && decodesStrictly(file, GB18030.charset, 0)) {
            return Optional.of(GB18030);
        }
        return Optional.empty();
    }

    private static boolean startsWithBom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        }
    }

    private static boolean decodesStrictly(Path file, Charset charset, int skip) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(skip);
            int read;
            while ((read = in.read(bytes.array(), bytes.position(), bytes.remaining())) >= 0) {
                bytes.position(bytes.position() + read);
                bytes.flip();
                if (decoder.decode(bytes, chars, false).isError()) {
                    return false;
                }
                chars.clear();
                bytes.compact();
            }
            bytes.flip();
            CoderResult last = decoder.decode(bytes, chars, true);
            return !last.isError() && !decoder.flush(chars).isError() && !bytes.hasRemaining();
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
