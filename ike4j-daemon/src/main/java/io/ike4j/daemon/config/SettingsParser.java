package io.ike4j.daemon.config;

import io.ike4j.daemon.config.SettingsLexer.Kind;
import io.ike4j.daemon.config.SettingsLexer.Token;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses the text of one settings file into a {@link MutableSection}. Iterative (no recursion per section), so
 * deeply nested input cannot overflow the stack. Errors are reported to the sink and parsing resumes at the
 * next line.
 */
final class SettingsParser {
    /** Called for each {@code include} statement with the section it appears in. */
    interface IncludeHandler {
        void include(String pattern, SourceLocation where, MutableSection target, int sectionDepth);
    }

    /** Shared across all files of one load: counts nodes against the limit. */
    static final class Budget {
        int nodes;
        boolean exhaustedReported;
    }

    private final SettingsLexer lexer;
    private final String file;
    private final DiagnosticSink sink;
    private final SettingsLimits limits;
    private final IncludeHandler includes;
    private final Budget budget;

    private record Frame(MutableSection section, SourceLocation openedAt, int depth) {}

    SettingsParser(String text, String file, DiagnosticSink sink, SettingsLimits limits, IncludeHandler includes,
                   Budget budget) {
        this.lexer = new SettingsLexer(text, limits.maxValueChars());
        this.file = file;
        this.sink = sink;
        this.limits = limits;
        this.includes = includes;
        this.budget = budget;
    }

    private SourceLocation at(int line) {
        return new SourceLocation(file, line);
    }

    /** Parses the whole text into {@code target}, whose nesting depth is {@code baseDepth}. */
    void parseInto(MutableSection target, int baseDepth) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(target, at(0), baseDepth));
        while (true) {
            Token t = lexer.next();
            Frame top = stack.peek();
            switch (t.kind()) {
                case NEWLINE -> { }
                case EOF -> {
                    while (stack.size() > 1) {
                        Frame open = stack.pop();
                        sink.error(open.openedAt(), "section '" + open.section().name + "' is not closed",
                                "add the missing '}' for the '{' on this line");
                    }
                    return;
                }
                case RBRACE -> {
                    if (stack.size() > 1) {
                        stack.pop();
                    } else {
                        sink.error(at(t.line()), "unexpected '}'", "remove it or add the matching '{'");
                    }
                }
                case INCLUDE -> includes.include(t.text(), at(t.line()), top.section(), top.depth());
                case NAME -> statement(t, stack);
                case ERROR -> {
                    sink.error(at(t.line()), t.text(), "");
                    skipLine();
                }
                default -> {
                    sink.error(at(t.line()), "unexpected " + describe(t), "expected a setting 'key = value', "
                            + "a section 'name {' or '}'");
                    skipLine();
                }
            }
        }
    }

    private void statement(Token name, Deque<Frame> stack) {
        Frame top = stack.peek();
        Token t = lexer.next();
        switch (t.kind()) {
            case EQUALS -> {
                Token v = lexer.next();
                if (v.kind() == Kind.VALUE) {
                    if (count(name.line())) {
                        top.section().put(new Setting(name.text(), v.text(), v.quoted(), at(name.line())));
                    }
                    expectEndOfStatement(stack);
                } else {
                    sink.error(at(v.line()), v.kind() == Kind.ERROR ? v.text() : "missing value", "");
                    skipLine();
                }
            }
            case LBRACE -> openSection(name, java.util.List.of(), stack);
            case COLON -> references(name, stack);
            case NEWLINE -> {
                Token n = lexer.next();
                while (n.kind() == Kind.NEWLINE) {
                    n = lexer.next();
                }
                if (n.kind() == Kind.LBRACE) {
                    openSection(name, java.util.List.of(), stack);
                } else {
                    lexer.pushBack(n);
                    missingEquals(name);
                }
            }
            default -> {
                lexer.pushBack(t);
                missingEquals(name);
                skipLine();
            }
        }
    }

    private void missingEquals(Token name) {
        sink.error(at(name.line()), "expected '=' or '{' after '" + name.text() + "'",
                "write settings as 'key = value' and sections as 'name { ... }'");
    }

    private void references(Token name, Deque<Frame> stack) {
        java.util.List<Setting> refs = new java.util.ArrayList<>();
        while (true) {
            Token r = lexer.next();
            if (r.kind() != Kind.NAME) {
                sink.error(at(r.line()), "expected a section name after ':' or ','",
                        "section references look like 'name : other.section {'");
                lexer.pushBack(r);
                skipLine();
                return;
            }
            refs.add(new Setting(":", r.text(), false, at(r.line())));
            Token sep = lexer.next();
            while (sep.kind() == Kind.NEWLINE) {
                sep = lexer.next();
            }
            if (sep.kind() == Kind.LBRACE) {
                openSection(name, refs, stack);
                return;
            }
            if (sep.kind() != Kind.COMMA) {
                sink.error(at(sep.line()), "expected ',' or '{' in section references", "");
                lexer.pushBack(sep);
                skipLine();
                return;
            }
        }
    }

    private void openSection(Token name, java.util.List<Setting> refs, Deque<Frame> stack) {
        Frame top = stack.peek();
        int depth = top.depth() + 1;
        MutableSection sub;
        if (depth > limits.maxSectionDepth()) {
            sink.error(at(name.line()), "sections nested deeper than " + limits.maxSectionDepth(), "flatten the configuration");
            sub = new MutableSection(name.text(), at(name.line())); // parsed but discarded
        } else if (!count(name.line())) {
            sub = new MutableSection(name.text(), at(name.line()));
        } else {
            sub = top.section().section(name.text(), at(name.line()));
            sub.references.addAll(refs);
        }
        stack.push(new Frame(sub, at(name.line()), depth));
    }

    /** After a value only the end of the line may follow (the lexer consumed comments). */
    private void expectEndOfStatement(Deque<Frame> stack) {
        Token t = lexer.next();
        if (t.kind() == Kind.ERROR) {
            sink.error(at(t.line()), t.text(), "");
            skipLine();
        } else if (t.kind() != Kind.NEWLINE) {
            lexer.pushBack(t);
        }
    }

    private boolean count(int line) {
        if (++budget.nodes <= limits.maxNodes()) {
            return true;
        }
        if (!budget.exhaustedReported) {
            budget.exhaustedReported = true;
            sink.error(at(line), "more than " + limits.maxNodes() + " settings and sections", "the rest is ignored");
        }
        return false;
    }

    private void skipLine() {
        while (true) {
            Token t = lexer.next();
            if (t.kind() == Kind.NEWLINE) {
                return;
            }
            if (t.kind() == Kind.EOF) {
                lexer.pushBack(t);
                return;
            }
        }
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case LBRACE -> "'{'";
            case EQUALS -> "'='";
            case COLON -> "':'";
            case COMMA -> "','";
            case VALUE -> "value";
            default -> t.kind().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
