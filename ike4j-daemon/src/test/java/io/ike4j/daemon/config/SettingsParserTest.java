package io.ike4j.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsParserTest {
    private final DiagnosticSink sink = new DiagnosticSink();

    private SettingsSection parse(String text) {
        return new SettingsReader().parse(text, "test.conf", null, sink);
    }

    @Test
    void parsesNestedSectionsValuesCommentsAndQuotes() {
        SettingsSection root = parse("""
                # comment
                a {
                  b = some value   # trailing comment
                  empty =
                  q = "x # not a comment\\n\\"y\\""
                  inner
                  {
                    c = 1
                  }
                }
                """);
        assertThat(sink.snapshot()).isEmpty();
        assertThat(root.find("a.b").orElseThrow().value()).isEqualTo("some value");
        assertThat(root.find("a.b").orElseThrow().location()).isEqualTo(new SourceLocation("test.conf", 3));
        assertThat(root.find("a.empty").orElseThrow().value()).isEmpty();
        assertThat(root.find("a.q").orElseThrow().value()).isEqualTo("x # not a comment\n\"y\"");
        assertThat(root.find("a.q").orElseThrow().quoted()).isTrue();
        assertThat(root.find("a.inner.c").orElseThrow().value()).isEqualTo("1");
        assertThat(root.section("a").orElseThrow().section("inner").orElseThrow().location().line()).isEqualTo(6);
    }

    @Test
    void duplicateSectionsMergeAndLaterKeysOverride() {
        SettingsSection root = parse("""
                s {
                  k = 1
                  j = a
                }
                s {
                  k = 2
                  l = b
                }
                """);
        SettingsSection s = root.section("s").orElseThrow();
        assertThat(s.settings().keySet()).containsExactly("k", "j", "l");
        assertThat(s.setting("k").orElseThrow().value()).isEqualTo("2");
        assertThat(s.setting("k").orElseThrow().location().line()).isEqualTo(6);
        assertThat(s.location().line()).isEqualTo(1);
    }

    @Test
    void sectionReferencesInheritMissingSettings() {
        SettingsSection root = parse("""
                t { a = 1
                  b = 2 }
                x : t {
                  b = 3
                }
                """);
        // a value runs to the end of the line, so "b = 2 }" does not close t: t is reported unclosed
        assertThat(sink.snapshot()).anySatisfy(d -> assertThat(d.message()).contains("'t' is not closed"));
        DiagnosticSink s2 = new DiagnosticSink();
        SettingsSection ok = new SettingsReader().parse("t {\n a = 1\n b = 2\n}\nx : t {\n b = 3\n}\n", "r.conf", null, s2);
        assertThat(s2.snapshot()).isEmpty();
        assertThat(ok.find("x.a").orElseThrow().value()).isEqualTo("1");
        assertThat(ok.find("x.b").orElseThrow().value()).isEqualTo("3");
        assertThat(root).isNotNull();
    }

    @Test
    void unbalancedBracesReportTheRightLine() {
        parse("a {\n  b = 1\n  c {\n    d = 2\n}\n");
        assertThat(sink.snapshot()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation("test.conf", 1));
            assertThat(d.message()).contains("'a'").contains("not closed");
            assertThat(d.hint()).contains("}");
        });
        DiagnosticSink other = new DiagnosticSink();
        new SettingsReader().parse("a {\n}\n}\nb = 1\n", "x.conf", null, other);
        assertThat(other.snapshot()).singleElement().satisfies(d -> {
            assertThat(d.toString()).startsWith("x.conf:3: error: unexpected '}'");
        });
    }

    @Test
    void missingEqualsReportsLineAndHintAndParsingContinues() {
        SettingsSection root = parse("a {\n  rekey_time 1h\n  ok = yes\n}\n");
        assertThat(sink.snapshot()).singleElement().satisfies(d -> {
            assertThat(d.location().line()).isEqualTo(2);
            assertThat(d.message()).isEqualTo("expected '=' or '{' after 'rekey_time'");
            assertThat(d.hint()).contains("key = value");
        });
        assertThat(root.find("a.ok").orElseThrow().value()).isEqualTo("yes");
    }

    @Test
    void otherSyntaxErrorsHaveLines() {
        parse("a = \"unterminated\nb = 1\n");
        assertThat(sink.snapshot()).extracting(d -> d.location().line()).containsExactly(1);
        DiagnosticSink s2 = new DiagnosticSink();
        new SettingsReader().parse("x = 1\n= 2\n\"name\" = 3\ny = \"q\" tail\n", "e.conf", null, s2);
        assertThat(s2.snapshot()).extracting(d -> d.location().line()).containsExactly(2, 3, 4);
    }

    @Test
    void sectionDepthIsLimitedWithoutStackOverflow() {
        String deep = "a {\n".repeat(100_000);
        parse(deep);
        assertThat(sink.snapshot()).anySatisfy(d -> assertThat(d.message()).contains("nested deeper"));
    }

    @Test
    void includesWithGlobsNestedDirsAndRelativePaths(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf.d/sub"));
        Files.writeString(dir.resolve("main.conf"), "connections {\n  include conf.d/*.conf\n}\ntop = 1\n");
        Files.writeString(dir.resolve("conf.d/b.conf"), "b { x = from-b\n}\n");
        Files.writeString(dir.resolve("conf.d/a.conf"), "a { x = from-a\n}\ninclude sub/*.conf\n");
        Files.writeString(dir.resolve("conf.d/.hidden.conf"), "hidden { }\n");
        Files.writeString(dir.resolve("conf.d/sub/c.conf"), "a {\n x = from-c\n}\n");
        Files.writeString(dir.resolve("conf.d/notmatched.txt"), "nope { }\n");
        SettingsSection root = new SettingsReader().read(dir.resolve("main.conf"), sink);
        assertThat(sink.snapshot()).isEmpty();
        SettingsSection conns = root.section("connections").orElseThrow();
        assertThat(conns.sections().keySet()).containsExactly("a", "b");
        // conf.d/a.conf includes sub/c.conf after a: later value wins
        Setting x = conns.find("a.x").orElseThrow();
        assertThat(x.value()).isEqualTo("from-c");
        assertThat(x.location().file()).endsWith("sub/c.conf");
        assertThat(x.location().line()).isEqualTo(2);
        assertThat(root.find("top").orElseThrow().location().file()).endsWith("main.conf");
    }

    @Test
    void missingPlainIncludeIsAnErrorButEmptyGlobIsNot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.conf"), "include none/*.conf\ninclude missing.conf\n");
        new SettingsReader().read(dir.resolve("m.conf"), sink);
        assertThat(sink.snapshot()).singleElement().satisfies(d -> {
            assertThat(d.location().line()).isEqualTo(2);
            assertThat(d.message()).contains("not found");
        });
    }

    @Test
    void includeCycleIsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.conf"), "x = 1\ninclude b.conf\n");
        Files.writeString(dir.resolve("b.conf"), "y = 2\n\ninclude a.conf\n");
        SettingsSection root = new SettingsReader().read(dir.resolve("a.conf"), sink);
        assertThat(sink.snapshot()).singleElement().satisfies(d -> {
            assertThat(d.message()).startsWith("include cycle");
            assertThat(d.location().file()).endsWith("b.conf");
            assertThat(d.location().line()).isEqualTo(3);
        });
        assertThat(root.settings().keySet()).containsExactly("x", "y");
    }

    @Test
    void selfGlobIncludeIsStoppedByCycleDetection(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.conf"), "include *.conf\n");
        new SettingsReader().read(dir.resolve("a.conf"), sink);
        assertThat(sink.snapshot()).extracting(Diagnostic::message).allMatch(m -> m.startsWith("include cycle"));
    }

    @Test
    void settingToStringHidesValue() {
        Setting s = new Setting("secret", "hunter2", false, new SourceLocation("f", 1));
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(List.of(s).toString()).doesNotContain("hunter2");
    }
}
