package io.integrationregistry.bootstrap.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import fixtures.providers.DocumentProviderStub;
import fixtures.providers.TestAuthorizationServer;
import io.integrationregistry.bootstrap.api.HttpApi;
import io.integrationregistry.bootstrap.api.ProviderApiTestBase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secrets never in the clear, end to end: unique random secrets (canaries) go through every path a secret takes (add,
 * edit, refused requests, the OAuth2 connect flow and token refresh, connection tests, gateway calls,
 * provider and token endpoint failures), with the whole service logging at DEBUG. Then no canary may
 * appear, plain or encoded, in any answer of the service (body or header, the provider-call log's included),
 * in any log line, or in any document of any collection of its database (the provider-call log's entries and
 * summaries included). Only the fixtures that legitimately receive a secret (the
 * provider stubs, the authorization server and the careless token endpoint) see them.
 */
@TestPropertySource(properties = {"logging.level.root=DEBUG", "logging.level.io.integrationregistry=TRACE"})
class SecretCanaryTest extends ProviderApiTestBase {

    private static final String SCRATCH = "canary_scratch";

    private static final CanaryScanner canaries = new CanaryScanner();
    private static final String OAUTH2_CLIENT_SECRET = canaries.newCanary("add OAuth2 (client secret)");
    private static final String API_KEY = canaries.newCanary("add API key");
    private static final String TYPED_API_KEY = canaries.newCanary("test before save (API key typed)");

    private static TestAuthorizationServer authorizationServer;
    private static DocumentProviderStub keyedProvider;
    private static DocumentProviderStub typedProvider;
    private static DocumentProviderStub bearerProvider;
    private static CanaryTokenEndpoint carelessTokenEndpoint;
    private static Runnable louderConsole;

    @Autowired
    MongoClient mongo;

    private CanaryLogAppender logs;
    private int firstAnswer;
    private final List<String> paths = new ArrayList<>();

    @BeforeAll
    static void startTheFixtures() {
        authorizationServer =
                TestAuthorizationServer.start(OAUTH2_CLIENT_SECRET, TestAuthorizationServer.Requirement.PKCE);
        louderConsole = CanaryLogAppender.quietConsole();
        keyedProvider = DocumentProviderStub.withApiKey(API_KEY);
        typedProvider = DocumentProviderStub.withApiKey(TYPED_API_KEY);
        bearerProvider = DocumentProviderStub.withBearerTokensOf(authorizationServer);
        carelessTokenEndpoint = new CanaryTokenEndpoint();
    }

    @AfterAll
    static void stopTheFixtures() {
        carelessTokenEndpoint.close();
        bearerProvider.close();
        typedProvider.close();
        keyedProvider.close();
        authorizationServer.close();
        louderConsole.run();
    }

    @BeforeEach
    void captureEveryLogLine() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        // The authorization server quiets its security logging for the whole JVM; the service's own counts.
        context.getLogger("org.springframework.security").setLevel(null);
        logs = CanaryLogAppender.attachToRoot();
        firstAnswer = HttpApi.ANSWERS.size();
    }

    @AfterEach
    void stopCapturing() {
        logs.detach();
    }

    @Test
    void no_canary_secret_appears_in_any_answer_log_line_or_stored_document() {
        assertThat(LoggerFactory.getLogger("io.integrationregistry").isTraceEnabled())
                .isTrue();
        assertThat(LoggerFactory.getLogger("org.springframework.web").isDebugEnabled())
                .isTrue();
        assertThat(LoggerFactory.getLogger("org.springframework.security").isDebugEnabled())
                .isTrue();
        assertThat(level("org.apache.hc.client5.http.headers")).isEqualTo(Level.OFF);
        assertThat(level("org.apache.hc.client5.http.wire")).isEqualTo(Level.OFF);

        exercise("add API key, gateway calls", this::apiKeyAddedAndUsed);
        exercise("provider 500 echoing the API key", this::providerErrorEchoingTheKey);
        exercise("provider 401 echoing the API key", this::providerRefusalEchoingTheKey);
        exercise("gateway writes: upload, folder, rename, delete", this::documentsWritten);
        exercise("provider timeout", this::providerTimedOut);
        exercise("deactivate and activate", this::deactivatedAndActivated);
        exercise("edit API key: new secret, provider 403", this::apiKeyEdited);
        exercise("test before save", this::testedBeforeSaving);
        exercise("test after save with typed values", this::testedAfterSavingWithTypedValues);
        exercise("refused requests carrying a secret", this::refusedRequests);
        exercise("idempotent creation", this::idempotentCreation);
        exercise("add OAuth2, connect, gateway with bearer token", this::oauth2ConnectedAndUsed);
        exercise("token refresh", this::tokenRefreshed);
        exercise("token endpoint invalid_grant on refresh", this::refreshRefused);
        exercise("edit OAuth2: same secret, new secret, token endpoint refuses", this::oauth2Edited);
        exercise("token endpoint error echoing what it received", this::tokenEndpointEchoing);
        exercise("reads, history and audit", this::readsHistoryAndAudit);

        List<CanaryScanner.Finding> findings = new ArrayList<>();
        List<HttpApi.Answer> answers = answersOfThisTest();
        for (int i = 0; i < answers.size(); i++) {
            findings.addAll(
                    canaries.scan("answer " + i + " (HTTP " + answers.get(i).status() + ")", printed(answers.get(i))));
        }
        List<CanaryLogAppender.Line> lines = logs.lines();
        int scannedLines = 0;
        for (CanaryLogAppender.Line line : lines) {
            if (isFixtures(line)) {
                continue;
            }
            scannedLines++;
            findings.addAll(canaries.scan("log line on " + line.thread(), line.text()));
        }
        StorageScan storage = scanStorage(canaries, findings);

        System.out.println("RELIABILITY canary: canaries=" + canaries.canaryCount() + " paths=" + paths.size()
                + " responses=" + answers.size() + " logLines=" + scannedLines + " (of " + lines.size()
                + ", fixtures' own excluded) collections=" + storage.collections.size()
                + " documents=" + storage.documents + " leaks=" + findings.size());
        System.out.println("RELIABILITY canary: collections checked " + storage.collections);
        findings.forEach(finding -> System.out.println("RELIABILITY canary leak: " + finding));
        assertThat(paths).hasSize(17);
        assertThat(scannedLines).isPositive();
        assertThat(storage.collections)
                .containsKeys(
                        "registry.domainevents",
                        "registry.integration_list",
                        "registry.audit_trail",
                        "registry.provider_calls",
                        "registry.provider_call_summaries");
        assertThat(storage.collections.get("registry.provider_calls")).isPositive();
        assertThat(findings).isEmpty();
    }

    @Test
    void the_scanner_finds_a_canary_planted_in_a_collection_and_in_a_log_line() {
        CanaryScanner planted = new CanaryScanner();
        String canary = planted.newCanary("planted");
        MongoCollection<Document> scratch = mongo.getDatabase("registry").getCollection(SCRATCH);
        scratch.insertOne(new Document("note", "stored by mistake: " + canary));
        LoggerFactory.getLogger(SecretCanaryTest.class)
                .warn(
                        "sent Authorization: Basic {}",
                        Base64.getEncoder().encodeToString(("client:" + canary).getBytes(StandardCharsets.UTF_8)));
        try {
            List<CanaryScanner.Finding> findings = new ArrayList<>();
            scanStorage(planted, findings);
            logs.lines().forEach(line -> findings.addAll(planted.scan("log line", line.text())));

            assertThat(findings)
                    .extracting(CanaryScanner.Finding::where)
                    .contains("registry." + SCRATCH)
                    .contains("log line");
            assertThat(findings).extracting(CanaryScanner.Finding::form).contains("plain", "Base64");
        } finally {
            scratch.drop();
        }
    }

    // --- the paths --------------------------------------------------------------------------------

    private String apiKeyIntegration;
    private String oauth2Integration;

    private void apiKeyAddedAndUsed() {
        apiKeyIntegration =
                add(apiKeyProvider(unique("Canary keyed"), keyedProvider.baseApiUrl(), "tenant=acme", API_KEY));
        expect(alice().post("/api/integrations/" + apiKeyIntegration + "/test", null), 200);
        String documents = "/api/integrations/" + apiKeyIntegration + "/documents/";
        expect(documentUser().get(documents + "files?parentId=%2F"), 200);
        expect(documentUser().get(documents + "metadata?id=d-1"), 200);
        expect(documentUser().get(documents + "download?id=d-1"), 200);
        expect(documentUser().get(documents + "metadata?id=missing"), 404);
        expect(documentUser().get(documents + "serviceInfo"), 200);
        assertThat(keyedProvider.received("files").get(0).headers()).containsEntry("apikey", API_KEY);
    }

    private void providerErrorEchoingTheKey() {
        keyedProvider.failWith(500, "{\"status\":\"error\",\"error\":\"key " + API_KEY + " broke the backend\"}");
        try {
            expect(documentUser().get("/api/integrations/" + apiKeyIntegration + "/documents/files"), 502);
            expect(alice().post("/api/integrations/" + apiKeyIntegration + "/test", null), 200);
        } finally {
            keyedProvider.failWith(null);
        }
    }

    private void providerRefusalEchoingTheKey() {
        keyedProvider.failWith(401, "{\"status\":\"error\",\"error\":\"apiKey=" + API_KEY + " is not valid\"}");
        try {
            expect(documentUser().get("/api/integrations/" + apiKeyIntegration + "/documents/metadata?id=d-1"), 502);
        } finally {
            keyedProvider.failWith(null);
        }
    }

    private void documentsWritten() {
        String documents = "/api/integrations/" + apiKeyIntegration + "/documents/";
        HttpApi.Answer uploaded = documentUser()
                .post(
                        documents + "uploads?parentId=%2F&filename=canary.txt"
                                + "&documentId=doc-1&documentVersionId=v-1",
                        "some content",
                        Map.of("Content-Type", "text/plain"));
        expect(uploaded, 201);
        expect(documentUser().post(documents + "folders?parentId=%2F&name=Canary%20folder", null), 201);
        String uploadedId = uploaded.json().path("id").asText();
        expect(documentUser().put(documents + "rename?id=" + uploadedId + "&name=renamed.txt", null, Map.of()), 200);
        expect(documentUser().put(documents + "delete?documentId=" + uploadedId, null, Map.of()), 200);
    }

    private void providerTimedOut() {
        keyedProvider.delayAnswers(2_500);
        try {
            expect(documentUser().get("/api/integrations/" + apiKeyIntegration + "/documents/files"), 504);
        } finally {
            keyedProvider.delayAnswers(0);
        }
    }

    private void deactivatedAndActivated() {
        String integration = "/api/integrations/" + apiKeyIntegration;
        expect(alice().post(integration + "/deactivate", null, ifMatch(etag(apiKeyIntegration))), 200);
        expect(documentUser().get(integration + "/documents/files"), 409);
        expect(alice().post(integration + "/activate", null, ifMatch(etag(apiKeyIntegration))), 200);
    }

    private void apiKeyEdited() {
        String newKey = canaries.newCanary("edit API key (new secret)");
        String name = alice().get("/api/integrations/" + apiKeyIntegration)
                .json()
                .path("name")
                .asText();
        String edited = apiKeyProvider(name, keyedProvider.baseApiUrl(), "tenant=acme", newKey);
        expect(alice().put("/api/integrations/" + apiKeyIntegration, edited, ifMatch(etag(apiKeyIntegration))), 200);
        // The provider does not know the new key: 403, reported as refused credentials.
        expect(documentUser().get("/api/integrations/" + apiKeyIntegration + "/documents/files"), 502);
        expect(alice().put("/api/integrations/" + apiKeyIntegration, edited, ifMatch(etag(apiKeyIntegration))), 200);
        String keptKey = """
                {"name": "%s", "baseApiUrl": "%s", "requestParameters": "tenant=acme",
                 "authentication": {"type": "API_KEY"}}""".formatted(name, keyedProvider.baseApiUrl());
        expect(alice().put("/api/integrations/" + apiKeyIntegration, keptKey, ifMatch(etag(apiKeyIntegration))), 200);
    }

    private void testedBeforeSaving() {
        HttpApi.Answer passed = alice().post(
                        "/api/integrations/test",
                        apiKeyProvider(unique("Canary typed"), typedProvider.baseApiUrl(), "", TYPED_API_KEY));
        expect(passed, 200);
        assertThat(passed.json().path("ok").asBoolean()).as(passed.body()).isTrue();
        String wrongKey = canaries.newCanary("test before save (refused API key)");
        expect(
                alice().post(
                                "/api/integrations/test",
                                apiKeyProvider(unique("Canary typed"), typedProvider.baseApiUrl(), "", wrongKey)),
                200);
        String typedSecret = canaries.newCanary("test before save (OAuth2 client secret)");
        expect(
                alice().post(
                                "/api/integrations/test",
                                oauth2Provider(
                                        unique("Canary typed"),
                                        bearerProvider.baseApiUrl(),
                                        authorizationServer.authorizationEndpoint(),
                                        authorizationServer.tokenEndpoint(),
                                        TestAuthorizationServer.CLIENT_ID,
                                        typedSecret)),
                200);
    }

    private void testedAfterSavingWithTypedValues() {
        String typed = canaries.newCanary("test after save (API key typed in the edit form)");
        String name = alice().get("/api/integrations/" + apiKeyIntegration)
                .json()
                .path("name")
                .asText();
        expect(
                alice().post(
                                "/api/integrations/" + apiKeyIntegration + "/test",
                                apiKeyProvider(name, keyedProvider.baseApiUrl(), "", typed)),
                200);
    }

    private void refusedRequests() {
        String badUrl = canaries.newCanary("refused: invalid base URL with an API key");
        expect(
                alice().post("/api/integrations", apiKeyProvider(unique("Canary refused"), "not a url", "", badUrl)),
                400);
        String inName = canaries.newCanary("refused: a secret typed into the name");
        expect(alice().post("/api/integrations", """
                {"name": "%s", "baseApiUrl": "ftp://files.acme.example",
                 "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(inName, inName)), 400);
        String unquoted = canaries.newCanary("refused: malformed JSON, the secret unquoted");
        expect(alice().post("/api/integrations", """
                {"name": "Canary unquoted", "baseApiUrl": "https://files.acme.example",
                 "authentication": {"type": "API_KEY", "apiKey": %s}}""".formatted(unquoted)), 400);
        String truncated = canaries.newCanary("refused: malformed JSON, cut after the secret");
        expect(alice().post("/api/integrations", """
                {"name": "Canary cut", "baseApiUrl": "https://files.acme.example",
                 "authentication": {"type": "API_KEY", "apiKey": "%s""".formatted(truncated)), 400);
        String control = canaries.newCanary("refused: a secret with a control character");
        expect(
                alice().post(
                                "/api/integrations",
                                apiKeyProvider(
                                        unique("Canary control"),
                                        "https://files.acme.example",
                                        "",
                                        control + "\\u0007")),
                400);
        String misplaced = canaries.newCanary("refused: an API key in OAuth2 authentication");
        expect(alice().post("/api/integrations", """
                {"name": "Canary misplaced", "baseApiUrl": "https://files.acme.example",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.acme.example/a",
                   "tokenEndpointUrl": "https://auth.acme.example/t", "clientId": "c", "clientSecret": "%s",
                   "apiKey": "%s"}}""".formatted(misplaced, misplaced)), 400);
        String privateAddress = canaries.newCanary("refused: test of a private address");
        HttpApi.Answer notCalled = alice().post(
                        "/api/integrations/test",
                        apiKeyProvider(unique("Canary private"), "http://10.0.0.7/api", "", privateAddress));
        expect(notCalled, 200);
        assertThat(notCalled.json().path("ok").asBoolean()).isFalse();
        String duplicate = canaries.newCanary("refused: duplicate name");
        String name = alice().get("/api/integrations/" + apiKeyIntegration)
                .json()
                .path("name")
                .asText();
        expect(alice().post("/api/integrations", apiKeyProvider(name, keyedProvider.baseApiUrl(), "", duplicate)), 409);
        String stale = canaries.newCanary("refused: edit with a stale If-Match");
        expect(
                alice().put(
                                "/api/integrations/" + apiKeyIntegration,
                                apiKeyProvider(name, keyedProvider.baseApiUrl(), "", stale),
                                ifMatch("\"0\"")),
                412);
        String unconditional = canaries.newCanary("refused: edit without If-Match");
        expect(
                alice().put(
                                "/api/integrations/" + apiKeyIntegration,
                                apiKeyProvider(name, keyedProvider.baseApiUrl(), "", unconditional),
                                Map.of()),
                428);
        String forbidden = canaries.newCanary("refused: an auditor adding");
        expect(
                auditor()
                        .post(
                                "/api/integrations",
                                apiKeyProvider(unique("Canary auditor"), keyedProvider.baseApiUrl(), "", forbidden)),
                403);
        String anonymous = canaries.newCanary("refused: no sign-in");
        expect(
                anonymous()
                        .post(
                                "/api/integrations",
                                apiKeyProvider(unique("Canary anonymous"), keyedProvider.baseApiUrl(), "", anonymous)),
                401);
        String notJson = canaries.newCanary("refused: not JSON");
        expect(alice().post("/api/integrations", "apiKey=" + notJson, Map.of("Content-Type", "text/plain")), 415);
    }

    private void idempotentCreation() {
        String key = canaries.newCanary("idempotent creation (API key)");
        String body = apiKeyProvider(unique("Canary idempotent"), keyedProvider.baseApiUrl(), "", key);
        Map<String, String> idempotencyKey = Map.of("Idempotency-Key", "canary-creation-1");
        expect(alice().post("/api/integrations", body, idempotencyKey), 201);
        expect(alice().post("/api/integrations", body, idempotencyKey), 201);
        expect(
                alice().post("/api/integrations", body.replace("Canary idempotent", "Canary other"), idempotencyKey),
                422);
    }

    private void oauth2ConnectedAndUsed() {
        oauth2Integration = add(oauth2Provider(
                unique("Canary oauth"),
                bearerProvider.baseApiUrl(),
                authorizationServer.authorizationEndpoint(),
                authorizationServer.tokenEndpoint(),
                TestAuthorizationServer.CLIENT_ID,
                OAUTH2_CLIENT_SECRET));
        authorizationServer.allowRedirectUri(
                TestAuthorizationServer.CLIENT_ID,
                alice().get("/api/integrations/" + oauth2Integration)
                        .json()
                        .path("authentication")
                        .path("redirectUri")
                        .asText());
        expect(
                documentUser()
                        .get(
                                "/api/integrations/" + oauth2Integration + "/oauth2/authorize",
                                Map.of("Accept", "application/json")),
                200);
        connect(oauth2Integration, documentUser());
        connect(oauth2Integration, alice());
        rememberIssuedTokens();
        expect(documentUser().get("/api/integrations/" + oauth2Integration + "/oauth2/connection"), 200);
        expect(documentUser().get("/api/integrations/" + oauth2Integration + "/documents/files?parentId=%2F"), 200);
        expect(alice().post("/api/integrations/" + oauth2Integration + "/test", null), 200);
        assertThat(bearerProvider.received("files").get(0).headers().get("authorization"))
                .startsWith("Bearer ");
    }

    private void tokenRefreshed() {
        int refreshes = authorizationServer.tokenRequests("refresh_token");
        bearerProvider.refuseNextToken();
        expect(documentUser().get("/api/integrations/" + oauth2Integration + "/documents/files"), 200);
        bearerProvider.refuseNextToken();
        expect(documentUser().get("/api/integrations/" + oauth2Integration + "/documents/metadata?id=d-1"), 200);
        assertThat(authorizationServer.tokenRequests("refresh_token")).isEqualTo(refreshes + 2);
        rememberIssuedTokens();
    }

    private void refreshRefused() {
        authorizationServer.forgetAllGrants();
        expect(documentUser().get("/api/integrations/" + oauth2Integration + "/documents/files"), 409);
        expect(documentUser().get("/api/integrations/" + oauth2Integration + "/oauth2/connection"), 200);
        connect(oauth2Integration, documentUser());
        rememberIssuedTokens();
    }

    private void oauth2Edited() {
        String name = alice().get("/api/integrations/" + oauth2Integration)
                .json()
                .path("name")
                .asText();
        String same = oauth2Provider(
                name,
                bearerProvider.baseApiUrl(),
                authorizationServer.authorizationEndpoint(),
                authorizationServer.tokenEndpoint(),
                TestAuthorizationServer.CLIENT_ID,
                OAUTH2_CLIENT_SECRET);
        expect(alice().put("/api/integrations/" + oauth2Integration, same, ifMatch(etag(oauth2Integration))), 200);
        String newSecret = canaries.newCanary("edit OAuth2 (new client secret)");
        expect(
                alice().put(
                                "/api/integrations/" + oauth2Integration,
                                same.replace(OAUTH2_CLIENT_SECRET, newSecret),
                                ifMatch(etag(oauth2Integration))),
                200);
        // The authorization server does not know the new secret: the code exchange is refused.
        String providerRedirect = authorizationServer.signIn(authorize(oauth2Integration, documentUser()));
        rememberIssuedTokens();
        HttpApi.Answer refused = anonymous().get(callbackPathOf(providerRedirect), startingBrowser());
        assertThat(refused.status()).as(refused.body()).isGreaterThanOrEqualTo(400);
        expect(
                alice().post(
                                "/api/integrations/" + oauth2Integration + "/test",
                                same.replace(
                                        OAUTH2_CLIENT_SECRET,
                                        canaries.newCanary("test after save (OAuth2 client secret typed)"))),
                200);
    }

    private void tokenEndpointEchoing() {
        String secret = canaries.newCanary("token endpoint echo (client secret)");
        String integration = add(oauth2Provider(
                unique("Canary careless"),
                bearerProvider.baseApiUrl(),
                carelessTokenEndpoint.authorizationEndpoint(),
                carelessTokenEndpoint.tokenEndpoint(),
                "careless-client",
                secret));
        Map<String, String> query = queryOf(authorize(integration, documentUser()));
        String code = canaries.newCanary("token endpoint echo (authorization code)");
        HttpApi.Answer refused = anonymous()
                .get(
                        "/oauth2/callback/" + integration + "?code=" + code + "&state=" + query.get("state"),
                        startingBrowser());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(carelessTokenEndpoint.requests()).isEqualTo(2);
        assertThat(carelessTokenEndpoint.codeVerifiers()).hasSize(1);
        carelessTokenEndpoint
                .codeVerifiers()
                .forEach(verifier -> canaries.remember("code verifier echoed by the token endpoint", verifier));
    }

    private void readsHistoryAndAudit() {
        for (String integration : List.of(apiKeyIntegration, oauth2Integration)) {
            expect(auditor().get("/api/integrations/" + integration), 200);
            expect(auditor().get("/api/integrations/" + integration + "/history"), 200);
            expect(auditor().get("/api/integrations/" + integration + "?version=1"), 200);
            expect(auditor().get("/api/audit?integrationId=" + integration), 200);
            // The gateway calls' log is written in the background: wait until it holds them, so that the
            // stored entries are scanned too, then read it as its administrators and auditors do.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> auditor()
                                    .get("/api/integrations/" + integration + "/provider-calls?size=200")
                                    .json()
                                    .path("items")
                                    .size()
                            > 0);
            expect(alice().get("/api/integrations/" + integration + "/provider-calls?outcome=provider-error"), 200);
        }
        expect(alice().get("/api/integrations?size=100"), 200);
        expect(auditor().get("/api/audit?size=200"), 200);
        expect(auditor().get("/api/audit/export?format=csv"), 200);
        expect(auditor().get("/api/audit/export?format=ndjson"), 200);
        expect(operator().get("/api/admin/projections"), 200);
    }

    // --- scanning ---------------------------------------------------------------------------------

    private record StorageScan(Map<String, Integer> collections, int documents) {}

    /** Every document of every collection of every database of the service's MongoDB. */
    private StorageScan scanStorage(CanaryScanner scanner, List<CanaryScanner.Finding> findings) {
        Map<String, Integer> collections = new LinkedHashMap<>();
        int documents = 0;
        for (String databaseName : mongo.listDatabaseNames()) {
            MongoDatabase database = mongo.getDatabase(databaseName);
            for (String collectionName : database.listCollectionNames()) {
                String where = databaseName + "." + collectionName;
                int count = 0;
                for (Document document : database.getCollection(collectionName).find()) {
                    findings.addAll(scanner.scan(where, document.toJson()));
                    count++;
                }
                collections.put(where, count);
                documents += count;
            }
        }
        return new StorageScan(collections, documents);
    }

    private static String printed(HttpApi.Answer answer) {
        StringBuilder text = new StringBuilder();
        answer.headers()
                .forEach((name, values) -> values.forEach(
                        value -> text.append(name).append(": ").append(value).append('\n')));
        return text.append('\n').append(answer.body()).toString();
    }

    private List<HttpApi.Answer> answersOfThisTest() {
        synchronized (HttpApi.ANSWERS) {
            return List.copyOf(HttpApi.ANSWERS.subList(firstAnswer, HttpApi.ANSWERS.size()));
        }
    }

    /**
     * What the fixtures log of what they legitimately send and receive: the authorization server on its
     * own threads (the client secret first), and the JDK's HTTP client, which only the test's browser
     * and the provider stub use (the service calls out through Apache HttpClient).
     */
    private static boolean isFixtures(CanaryLogAppender.Line line) {
        return authorizationServer.servedOn(line.thread()) || line.logger().startsWith("jdk.internal.httpclient");
    }

    /** The codes and tokens the authorization server issued, and the PKCE code verifiers it received. */
    private void rememberIssuedTokens() {
        authorizationServer
                .issuedTokens()
                .forEach(token -> canaries.remember(
                        "token issued by the authorization " + "server " + token.substring(0, 6) + "…", token));
        authorizationServer
                .receivedCodeVerifiers()
                .forEach(verifier -> canaries.remember(
                        "code verifier received by the authorization server " + verifier.substring(0, 6) + "…",
                        verifier));
    }

    private void exercise(String path, Runnable steps) {
        steps.run();
        paths.add(path);
    }

    private static Level level(String logger) {
        return ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(logger)
                .getEffectiveLevel();
    }

    private static void expect(HttpApi.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    }

    private String etag(String integration) {
        return alice().get("/api/integrations/" + integration).header("ETag");
    }

    // --- the browser's part of the OAuth2 flow ----------------------------------------------------

    private void connect(String integration, HttpApi user) {
        String providerRedirect = authorizationServer.signIn(authorize(integration, user));
        HttpApi.Answer callback = anonymous().get(callbackPathOf(providerRedirect), startingBrowser());
        assertThat(callback.status()).as(callback.body()).isEqualTo(200);
    }

    /** The cookie the last authorize set: the callback completes only in the browser that started connecting. */
    private static String browserCookie;

    private static String authorize(String integration, HttpApi user) {
        HttpApi.Answer redirect = user.get("/api/integrations/" + integration + "/oauth2/authorize");
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        browserCookie = redirect.cookie("registry_oauth2_browser");
        return redirect.header("Location");
    }

    private static Map<String, String> startingBrowser() {
        return Map.of("Cookie", browserCookie);
    }

    /** The redirect URI points at the public URL; the test reaches the same path on its local port. */
    private static String callbackPathOf(String redirect) {
        URI uri = URI.create(redirect);
        assertThat(uri.getPath()).startsWith("/oauth2/callback/");
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static Map<String, String> queryOf(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
