package io.integrationregistry.adapters.webui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page's scripts stay small ES modules: each file is at most {@value #MAX_LINES} lines, says what
 * it shares through import/export, wraps nothing in a top-level immediately invoked function, sets no
 * global, and is loaded by the page as a module (so the browser runs it in strict mode, from 'self' only).
 */
class AdminPageScriptsTest {

    private static final int MAX_LINES = 350;
    private static final Path STATIC = Path.of("src", "main", "resources", "static");
    private static final Path ASSETS = STATIC.resolve("assets");

    private static final Pattern IMPORT_OR_EXPORT = Pattern.compile("^(import|export)\\b", Pattern.MULTILINE);
    /** At the start of a line (top level): `(function`, `(() =>`, `;(async () =>`, `!function`..., or a closing `})();`. */
    private static final Pattern IIFE = Pattern.compile(
            "^[;!+~]?\\((async\\s+)?(function\\b|\\([^)]*\\)\\s*=>)|^[;!+~]function\\b|^\\}[ \\t]*\\)?[ \\t]*\\([ \\t]*\\)",
            Pattern.MULTILINE);
    /** A top-level `var`, or an assignment to a property of window/globalThis/self. */
    private static final Pattern GLOBAL =
            Pattern.compile("^var\\s|\\b(window|globalThis|self)\\.[A-Za-z_$][\\w$]*\\s*=[^=]", Pattern.MULTILINE);

    private static final Pattern RELATIVE_IMPORT = Pattern.compile("\\bfrom\\s+'(\\./[^']+)'");
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    @Test
    void everyScriptIsAnEsModuleOfAtMost350LinesWithoutTopLevelClosuresOrGlobals() throws IOException {
        List<Path> scripts = scripts();
        assertThat(scripts).as("scripts in %s", ASSETS).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path script : scripts) {
            String text = Files.readString(script, StandardCharsets.UTF_8);
            long lines = text.lines().count();
            if (lines > MAX_LINES) {
                problems.add(script.getFileName() + " has " + lines + " lines (at most " + MAX_LINES + ")");
            }
            if (!IMPORT_OR_EXPORT.matcher(text).find()) {
                problems.add(script.getFileName() + " neither imports nor exports anything");
            }
            Matcher iife = IIFE.matcher(text);
            if (iife.find()) {
                problems.add(script.getFileName() + " wraps code in a top-level function call: " + iife.group());
            }
            Matcher global = GLOBAL.matcher(text);
            if (global.find()) {
                problems.add(script.getFileName() + " sets a global: "
                        + global.group().trim());
            }
            Matcher imported = RELATIVE_IMPORT.matcher(text);
            while (imported.find()) {
                if (!Files.isRegularFile(script.resolveSibling(imported.group(1)))) {
                    problems.add(script.getFileName() + " imports a missing module " + imported.group(1));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePageLoadsItsScriptsAsModulesFromItsOwnOriginOnly() throws IOException {
        String page = Files.readString(STATIC.resolve("index.html"), StandardCharsets.UTF_8);
        Matcher tag = SCRIPT_TAG.matcher(page);
        List<String> tags = new ArrayList<>();
        while (tag.find()) {
            tags.add(tag.group());
        }
        assertThat(tags)
                .isNotEmpty()
                .allSatisfy(script ->
                        assertThat(script).contains("type=\"module\"").containsPattern("src=\"/assets/[\\w-]+\\.js\""));
    }

    @Test
    void theChecksCatchAClosureAGlobalAndAScriptWithoutModuleSyntax() {
        assertThat(IIFE.matcher("(function () {\n    'use strict';\n})();\n").find())
                .isTrue();
        assertThat(IIFE.matcher(";(() => {\n})();\n").find()).isTrue();
        assertThat(IIFE.matcher("x();\n}());\n").find()).isTrue();
        assertThat(IIFE.matcher("export function f() {\n    (function () {})();\n}\n")
                        .find())
                .isFalse();
        assertThat(GLOBAL.matcher("window.registry = {};").find()).isTrue();
        assertThat(GLOBAL.matcher("var state = {};").find()).isTrue();
        assertThat(GLOBAL.matcher("if (window.isSecureContext === true) {}").find())
                .isFalse();
        assertThat(IMPORT_OR_EXPORT.matcher("const a = 1;\n// import nothing\n").find())
                .isFalse();
    }

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(ASSETS)) {
            return files.filter(file -> file.toString().endsWith(".js"))
                    .sorted()
                    .toList();
        }
    }
}
