package io.ike4j.daemon.config;

/**
 * Tokenizer for strongSwan's settings syntax (strongswan.conf / swanctl.conf).
 *
 * <p>Names run until whitespace or one of {@code # { } = : , "}; a value runs from after {@code =} to the end of
 * the line or a {@code #} comment and is trimmed, or is a double-quoted string with C-like escapes that may span
 * lines. {@code include PATTERN} at the start of a statement yields an {@link Kind#INCLUDE} token.
 * Never throws on any input: problems come back as {@link Kind#ERROR} tokens.
 */
final class SettingsLexer {
    enum Kind { NAME, VALUE, INCLUDE, LBRACE, RBRACE, EQUALS, COLON, COMMA, NEWLINE, EOF, ERROR }

    /** A token; {@code text} is the name, the (unescaped) value or the error message. */
    record Token(Kind kind, String text, int line, boolean quoted) {
        @Override
        public String toString() {
            return kind + "@" + line; // values may be secrets
        }
    }

    private final String in;
    private final int maxChars;
    private int pos;
    private int line = 1;
    private boolean valueMode;
    private boolean statementStart = true;
    private Token pushedBack;

    SettingsLexer(String in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    void pushBack(Token t) {
        pushedBack = t;
    }

    Token next() {
        if (pushedBack != null) {
            Token t = pushedBack;
            pushedBack = null;
            return t;
        }
        Token t = valueMode ? lexValue() : lexDefault();
        statementStart = switch (t.kind()) {
            case NEWLINE, LBRACE, RBRACE -> true;
            default -> false;
        };
        return t;
    }

    private Token lexDefault() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            switch (c) {
                case ' ', '\t', '\r', '\f' -> pos++;
                case '#' -> skipComment();
                case '\n' -> {
                    pos++;
                    return new Token(Kind.NEWLINE, "", line++, false);
                }
                case '{' -> { pos++; return simple(Kind.LBRACE); }
                case '}' -> { pos++; return simple(Kind.RBRACE); }
                case ':' -> { pos++; return simple(Kind.COLON); }
                case ',' -> { pos++; return simple(Kind.COMMA); }
                case '=' -> {
                    pos++;
                    valueMode = true;
                    return simple(Kind.EQUALS);
                }
                case '"' -> {
                    int startLine = line;
                    Token s = quoted();
                    return s.kind() == Kind.ERROR ? s
                            : new Token(Kind.ERROR, "unexpected quoted string; only values may be quoted", startLine, false);
                }
                default -> {
                    return name();
                }
            }
        }
        return simple(Kind.EOF);
    }

    private Token simple(Kind kind) {
        return new Token(kind, "", line, false);
    }

    private void skipComment() {
        while (pos < in.length() && in.charAt(pos) != '\n') {
            pos++;
        }
    }

    private static boolean isNameChar(char c) {
        return switch (c) {
            case ' ', '\t', '\r', '\n', '\f', '#', '{', '}', '=', ':', ',', '"' -> false;
            default -> true;
        };
    }

    private Token name() {
        int start = pos;
        int startLine = line;
        while (pos < in.length() && isNameChar(in.charAt(pos))) {
            pos++;
        }
        String name = in.substring(start, pos);
        if (name.length() > maxChars) {
            return new Token(Kind.ERROR, "name longer than " + maxChars + " characters", startLine, false);
        }
        if (statementStart && name.equals("include") && pos < in.length()
                && (in.charAt(pos) == ' ' || in.charAt(pos) == '\t')) {
            int save = pos;
            skipBlanks();
            if (pos < in.length() && in.charAt(pos) != '=' && in.charAt(pos) != '{') {
                return includePattern(startLine);
            }
            pos = save;
        }
        return new Token(Kind.NAME, name, startLine, false);
    }

    private void skipBlanks() {
        while (pos < in.length() && (in.charAt(pos) == ' ' || in.charAt(pos) == '\t' || in.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private Token includePattern(int startLine) {
        if (pos < in.length() && in.charAt(pos) == '"') {
            Token q = quoted();
            if (q.kind() == Kind.ERROR) {
                return q;
            }
            Token rest = restOfLineAfterQuote(startLine);
            return rest != null ? rest : new Token(Kind.INCLUDE, q.text(), startLine, true);
        }
        String raw = untilEndOfValue().strip();
        if (raw.isEmpty()) {
            return new Token(Kind.ERROR, "include without a file pattern", startLine, false);
        }
        return new Token(Kind.INCLUDE, raw, startLine, false);
    }

    private String untilEndOfValue() {
        int start = pos;
        while (pos < in.length() && in.charAt(pos) != '\n' && in.charAt(pos) != '#') {
            pos++;
        }
        return in.substring(start, pos);
    }

    /** After a closing quote only blanks and a comment may follow on the line; returns an error token otherwise. */
    private Token restOfLineAfterQuote(int startLine) {
        skipBlanks();
        if (pos < in.length() && in.charAt(pos) == '#') {
            skipComment();
        }
        if (pos < in.length() && in.charAt(pos) != '\n') {
            int errLine = line;
            skipComment(); // drop the rest of the line
            return new Token(Kind.ERROR, "unexpected text after closing quote", errLine, false);
        }
        return null;
    }

    private Token lexValue() {
        valueMode = false;
        skipBlanks();
        int startLine = line;
        if (pos < in.length() && in.charAt(pos) == '"') {
            Token q = quoted();
            if (q.kind() == Kind.ERROR) {
                return q;
            }
            Token rest = restOfLineAfterQuote(startLine);
            return rest != null ? rest : q;
        }
        String raw = untilEndOfValue();
        if (pos < in.length() && in.charAt(pos) == '#') {
            skipComment();
        }
        String v = raw.strip();
        if (v.length() > maxChars) {
            return new Token(Kind.ERROR, "value longer than " + maxChars + " characters", startLine, false);
        }
        return new Token(Kind.VALUE, v, startLine, false);
    }

    /** Reads a double-quoted string starting at the opening quote. */
    private Token quoted() {
        int startLine = line;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            if (c == '"') {
                return new Token(Kind.VALUE, sb.toString(), startLine, true);
            }
            if (sb.length() > maxChars) {
                skipTo('"');
                return new Token(Kind.ERROR, "quoted value longer than " + maxChars + " characters", startLine, false);
            }
            if (c == '\n') {
                line++;
                sb.append(c);
            } else if (c == '\\' && pos < in.length()) {
                char e = in.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case '\n' -> line++; // line continuation
                    case '\r' -> {
                        if (pos < in.length() && in.charAt(pos) == '\n') {
                            pos++;
                            line++;
                        }
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        return new Token(Kind.ERROR, "unterminated quoted string", startLine, false);
    }

    private void skipTo(char end) {
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            if (c == '\n') {
                line++;
            } else if (c == '\\' && pos < in.length()) {
                if (in.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            } else if (c == end) {
                return;
            }
        }
    }
}
