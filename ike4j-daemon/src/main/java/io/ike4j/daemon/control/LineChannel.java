package io.ike4j.daemon.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Newline-delimited UTF-8 lines over a stream channel, with a hard bound on line length. Reads are single-threaded;
 * {@link #writeLine} is synchronized so event streams and answers never interleave within a line.
 */
public final class LineChannel implements AutoCloseable {
    /** The line could not be read as a protocol line. */
    public static final class LineException extends Exception {
        public enum Kind { TOO_LONG, NOT_UTF8 }

        private final Kind kind;

        public LineException(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    public static final int DEFAULT_MAX_LINE = 1 << 20;

    private final SocketChannel channel;
    private final int maxLine;
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private byte[] line = new byte[1024];
    private int lineLength;

    public LineChannel(SocketChannel channel, int maxLine) {
        this.channel = channel;
        this.maxLine = maxLine;
        in.flip();
    }

    /** The next line without its terminator, or empty at end of stream (a final unterminated line is returned). */
    public Optional<String> readLine() throws IOException, LineException {
        lineLength = 0;
        boolean tooLong = false;
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    if (tooLong) throw new LineException(LineException.Kind.TOO_LONG, "line longer than " + maxLine + " bytes");
                    return Optional.of(decode());
                }
                if (lineLength >= maxLine) {
                    tooLong = true;
                    continue; // discard up to the newline so the stream stays in sync
                }
                if (lineLength == line.length) line = java.util.Arrays.copyOf(line, Math.min(maxLine, line.length * 2));
                line[lineLength++] = b;
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                if (tooLong) throw new LineException(LineException.Kind.TOO_LONG, "line longer than " + maxLine + " bytes");
                return lineLength == 0 ? Optional.empty() : Optional.of(decode());
            }
        }
    }

    private String decode() throws LineException {
        int len = lineLength;
        if (len > 0 && line[len - 1] == '\r') len--;
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new LineException(LineException.Kind.NOT_UTF8, "line is not valid UTF-8");
        }
    }

    public synchronized void writeLine(String s) throws IOException {
        byte[] bytes = (s + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) channel.write(buf);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
