package io.integrationregistry.bootstrap.api;

import io.integrationregistry.bootstrap.RegistryApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/**
 * The whole service on its embedded default, over real HTTP, with users of two companies in all
 * three company roles, and an operator of the service.
 */
@SpringBootTest(
        classes = RegistryApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "registry.security.users.alice.password={noop}alice-pw",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN",
            "registry.security.users.audrey.password={noop}audrey-pw",
            "registry.security.users.audrey.company=acme",
            "registry.security.users.audrey.roles=AUDITOR",
            "registry.security.users.dora.password={noop}dora-pw",
            "registry.security.users.dora.company=acme",
            "registry.security.users.dora.roles=DOCUMENT_USER",
            "registry.security.users.carol.password={noop}carol-pw",
            "registry.security.users.carol.company=acme",
            "registry.security.users.carol.roles=INTEGRATION_ADMIN",
            "registry.security.users.gus.password={noop}gus-pw",
            "registry.security.users.gus.company=globex",
            "registry.security.users.gus.roles=INTEGRATION_ADMIN",
            "registry.security.users.olga.password={noop}olga-pw",
            "registry.security.users.olga.roles=OPERATOR",
            "registry.public-url=https://registry.acme.example"
        })
public abstract class ApiTestBase {

    protected static final String CLIENT_SECRET = "oauth-client-secret-0123456789";
    protected static final String API_KEY = "provider-api-key-abcdefghijkl";
    static final String SHORT_API_KEY = "short-key";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) throws IOException {
        String folder = Files.createTempDirectory("registry-api-test").toString();
        registry.add("registry.embedded-mongo.path", () -> folder);
    }

    protected HttpApi alice() {
        return HttpApi.as(port, "alice", "alice-pw");
    }

    protected HttpApi carol() {
        return HttpApi.as(port, "carol", "carol-pw");
    }

    protected HttpApi auditor() {
        return HttpApi.as(port, "audrey", "audrey-pw");
    }

    protected HttpApi documentUser() {
        return HttpApi.as(port, "dora", "dora-pw");
    }

    protected HttpApi globexAdmin() {
        return HttpApi.as(port, "gus", "gus-pw");
    }

    /** The service's operator, who belongs to no company. */
    protected HttpApi operator() {
        return HttpApi.as(port, "olga", "olga-pw");
    }

    protected HttpApi anonymous() {
        return HttpApi.anonymous(port);
    }

    protected static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String oauth2Body(String name) {
        return """
                {"name": "%s", "baseApiUrl": "https://docs.acme.example/api/v1/",
                 "requestParameters": "access_type=offline",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.acme.example/authorize",
                   "tokenEndpointUrl": "https://auth.acme.example/token", "clientId": "registry-client",
                   "clientSecret": "%s"}}""".formatted(name, CLIENT_SECRET);
    }

    protected static String apiKeyBody(String name, String apiKey) {
        return """
                {"name": "%s", "baseApiUrl": "https://files.acme.example/webhooks",
                 "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, apiKey);
    }

    protected static Map<String, String> ifMatch(String etag) {
        return Map.of("If-Match", etag);
    }
}
