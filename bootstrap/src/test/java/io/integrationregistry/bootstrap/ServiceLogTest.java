package io.integrationregistry.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the service logs, read as an operator reads it: one start on the embedded default, as its own process (its
 * log settings are the process's: a test in this JVM could not change them without changing them for every other),
 * with the plain format on the console and the structured ECS format in a file, one refused request and a first
 * change.
 */
class ServiceLogTest {

    private static final String REQUEST_ID = "test-req-123";
    /** A plain console line: date, level, the request id if any, process id, application, thread, logger, text. */
    private static final Pattern PLAIN_LINE = Pattern.compile(
            "^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)( \\[([^\\]]+)])? \\d+ --- \\[[^\\]]*] \\[[^\\]]*] (\\S+)\\s*: (.*)$");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static RegistryProcess registry;

    @BeforeAll
    static void startOnTheEmbeddedDefaultAndSendOneRefusedSignIn() throws Exception {
        Files.createDirectories(RegistryProcess.OUTPUT_FOLDER);
        // no MongoDB, no users, no master key: the embedded default; only where its data and its log file go
        registry = RegistryProcess.startReady(
                RegistryApplication.class,
                List.of(),
                RegistryProcess.OUTPUT_FOLDER.resolve("service-log.log"),
                Duration.ofSeconds(120),
                List.of(
                        "registry.embedded-mongo.path=" + folder.resolve("data"),
                        "logging.file.name=" + folder.resolve("registry.json"),
                        "logging.structured.format.file=ecs"));

        HttpRequest refused = HttpRequest.newBuilder(URI.create(registry.baseUri() + "/api/integrations"))
                .header("X-Request-Id", REQUEST_ID)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("nobody:wrong-password".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(refused, HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> consoleLines().stream().anyMatch(line -> line.contains("Failed sign-in"))
                        && structuredLines().stream()
                                .anyMatch(line -> line.path("message").asText().startsWith("Failed sign-in")));
        addAnIntegrationAndWaitForTheAuditTrail();
    }

    /** The first change: the command, both projections handling its event, their meters registered. */
    private static void addAnIntegrationAndWaitForTheAuditTrail() throws Exception {
        Pattern generated = Pattern.compile("^Using generated security password for the user 'admin' .*: (\\S+)$");
        String password = consoleLines().stream()
                .map(generated::matcher)
                .filter(Matcher::matches)
                .map(found -> found.group(1))
                .findFirst()
                .orElseThrow();
        String basic =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> added = http.send(
                HttpRequest.newBuilder(URI.create(registry.baseUri() + "/api/integrations"))
                        .header("Authorization", basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"name": "First", "baseApiUrl": "https://docs.example.com/api/v1", "active": true,
                                 "authentication": {"type": "API_KEY", "apiKey": "first-key-0123456789"}}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpRequest audit = HttpRequest.newBuilder(URI.create(registry.baseUri() + "/api/audit"))
                .header("Authorization", basic)
                .build();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.send(audit, HttpResponse.BodyHandlers.ofString())
                        .body()
                        .contains("\"ADDED\""));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aStartTellsNothingAnOperatorNeedsNotKnow() {
        List<String> console = consoleLines();

        // the embedded server's every collection and index, beans fetched while the context is still being made,
        // an advertisement
        assertThat(console)
                .noneMatch(line -> line.contains(" d.b.mongo.") || line.contains("de.bwaldvogel"))
                .noneMatch(line -> line.contains("Obtaining singleton bean"))
                .noneMatch(line -> line.contains("AxonIQ Console"));
        assertThat(console).anyMatch(line -> isLine(line, "INFO", "i.i.a.embeddedmongo.EmbeddedMongoServer", ""));
    }

    @Test
    void aStartOnTheEmbeddedDefaultAndItsFirstChangeWarnOnlyOfWhatAnOperatorMustActOn() {
        List<String> console = consoleLines();
        List<String> warnings = console.stream()
                .filter(line -> line.matches(".*\\b(WARN|ERROR)\\b.*"))
                .toList();
        List<String> toActOn = warnings.stream()
                .filter(line -> isLine(line, "WARN", "i.i.adapters.secrets.MasterKeys", "Generated a new master key")
                        // its text, the generated passwords, follows on lines of its own
                        || isLine(line, "WARN", "i.i.a.r.security.SecurityConfiguration", ""))
                .toList();

        assertThat(warnings).isEqualTo(toActOn).hasSize(2);
        assertThat(console).anyMatch(line -> line.startsWith("Using generated security password for the user 'admin'"));
        assertThat(console.stream().filter(line -> line.contains("secondary ind")))
                .singleElement()
                .satisfies(line -> assertThat(isLine(
                                line,
                                "INFO",
                                "i.i.a.embeddedmongo.EmbeddedMongoServer",
                                "The embedded server keeps no secondary indexes"))
                        .as(line)
                        .isTrue());
    }

    @Test
    void aPlainLineLoggedForARequestCarriesItsIdAndOneLoggedForNoneCarriesNothing() {
        List<Matcher> lines = consoleLines().stream()
                .map(PLAIN_LINE::matcher)
                .filter(Matcher::matches)
                .toList();

        assertThat(lines)
                .filteredOn(line -> line.group(5).startsWith("Failed sign-in"))
                .singleElement()
                .satisfies(line -> assertThat(line.group(3)).isEqualTo(REQUEST_ID));
        assertThat(lines)
                .filteredOn(line -> line.group(5).startsWith("Started RegistryApplication"))
                .singleElement()
                .satisfies(line -> assertThat(line.group(2)).isNull());
    }

    @Test
    void aStructuredLineLoggedForARequestCarriesItsId() {
        assertThat(structuredLines())
                .filteredOn(line -> line.path("message").asText().startsWith("Failed sign-in"))
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
                    assertThat(line.path("requestId").asText()).isEqualTo(REQUEST_ID);
                });
        assertThat(structuredLines())
                .filteredOn(line -> line.path("message").asText().startsWith("Started RegistryApplication"))
                .singleElement()
                .satisfies(line -> assertThat(line.has("requestId")).isFalse());
    }

    private static boolean isLine(String line, String level, String logger, String textStart) {
        Matcher plain = PLAIN_LINE.matcher(line);
        return plain.matches()
                && plain.group(1).equals(level)
                && plain.group(4).equals(logger)
                && plain.group(5).startsWith(textStart);
    }

    private static List<String> consoleLines() {
        return read(registry.output());
    }

    private static List<JsonNode> structuredLines() {
        List<String> written = read(folder.resolve("registry.json"));
        List<JsonNode> lines = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            try {
                lines.add(JSON.readTree(written.get(i)));
            } catch (IOException notJson) {
                if (i < written.size() - 1) {
                    throw new AssertionError("not one JSON object a line: " + written.get(i), notJson);
                }
                // the last line may be read while it is being written
            }
        }
        return lines;
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
