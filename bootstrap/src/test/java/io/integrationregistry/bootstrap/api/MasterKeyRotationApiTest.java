package io.integrationregistry.bootstrap.api;

import fixtures.keys.TestKeys;
import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.bootstrap.RegistryApplication;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A master key rotation on the running service: an integration registered over HTTP under master key
 * k1 keeps working after k2 becomes primary, the data keys are re-wrapped through Actuator, and k1 is
 * removed; no event is touched on the way.
 */
class MasterKeyRotationApiTest {

    private static final String PROVIDER_KEY = "rotated-provider-key-0123456789";
    private static final String K1 = keyset();
    private static final String K2 = keyset();

    @TempDir
    Path data;

    private DocumentProviderStub provider;

    @BeforeEach
    void startTheProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    @Test
    void
            given_an_integration_sealed_under_k1_when_k2_becomes_primary_and_the_data_keys_are_rewrapped_then_it_works_with_k2_alone() {
        String id;
        List<Document> eventsBefore;
        try (ConfigurableApplicationContext underK1 = start(List.of(
                "registry.secrets.master-keys[0].id=k1",
                "registry.secrets.master-keys[0].keyset=" + K1,
                "registry.secrets.master-keys[0].primary=true"))) {
            HttpApi alice = HttpApi.as(port(underK1), "alice", "alice-pw");
            HttpApi.Answer added = alice.post("/api/integrations", """
                    {"name": "Rotated drive", "baseApiUrl": "%s", "active": true,
                     "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(provider.baseApiUrl(), PROVIDER_KEY));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            id = added.json().path("id").asText();
            assertFilesListed(underK1, id);
            HttpApi.Answer status = HttpApi.as(port(underK1), "olga", "olga-pw").get("/actuator/datakeys");
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            assertThat(status.json().path("primaryMasterKeyId").asText()).isEqualTo("k1");
            assertThat(status.json().path("byMasterKey").path("k1").asLong()).isEqualTo(1);
            eventsBefore = events(underK1);
            assertThat(eventsBefore).isNotEmpty();
            assertThat(eventsBefore.toString()).doesNotContain(PROVIDER_KEY);
        }

        try (ConfigurableApplicationContext underBoth = start(List.of(
                "registry.secrets.master-keys[0].id=k1",
                "registry.secrets.master-keys[0].keyset=" + K1,
                "registry.secrets.master-keys[1].id=k2",
                "registry.secrets.master-keys[1].keyset=" + K2,
                "registry.secrets.master-keys[1].primary=true"))) {
            assertFilesListed(underBoth, id);
            HttpApi.Answer refused =
                    HttpApi.as(port(underBoth), "dora", "dora-pw").post("/actuator/datakeys", null);
            assertThat(refused.status()).as("only operators re-wrap").isEqualTo(403);
            HttpApi.Answer companyAdmin =
                    HttpApi.as(port(underBoth), "alice", "alice-pw").post("/actuator/datakeys", null);
            assertThat(companyAdmin.status())
                    .as("not a company's administrator either")
                    .isEqualTo(403);

            HttpApi operator = HttpApi.as(port(underBoth), "olga", "olga-pw");
            HttpApi.Answer rewrap = operator.post("/actuator/datakeys", null);

            assertThat(rewrap.status()).as(rewrap.body()).isEqualTo(200);
            assertThat(rewrap.json().path("examined").asLong()).isEqualTo(1);
            assertThat(rewrap.json().path("rewrapped").asLong()).isEqualTo(1);
            assertThat(rewrap.json().path("alreadyUnderPrimary").asLong()).isZero();
            assertThat(rewrap.json().path("failed").asLong()).isZero();
            assertThat(rewrap.json().path("primaryMasterKeyId").asText()).isEqualTo("k2");
            HttpApi.Answer again = operator.post("/actuator/datakeys", null);
            assertThat(again.json().path("rewrapped").asLong()).as("idempotent").isZero();
            assertThat(again.json().path("alreadyUnderPrimary").asLong()).isEqualTo(1);
            assertThat(operator.get("/actuator/datakeys")
                            .json()
                            .path("byMasterKey")
                            .path("k2")
                            .asLong())
                    .isEqualTo(1);
            assertThat(events(underBoth)).as("no event was touched").isEqualTo(eventsBefore);
        }

        try (ConfigurableApplicationContext underK2 = start(List.of(
                "registry.secrets.master-keys[0].id=k2",
                "registry.secrets.master-keys[0].keyset=" + K2,
                "registry.secrets.master-keys[0].primary=true"))) {
            assertFilesListed(underK2, id);
            HttpApi.Answer tested =
                    HttpApi.as(port(underK2), "alice", "alice-pw").post("/api/integrations/" + id + "/test", null);
            assertThat(tested.status()).as(tested.body()).isEqualTo(200);
            assertThat(tested.json().path("ok").asBoolean()).as(tested.body()).isTrue();
            assertThat(events(underK2)).as("no event was touched").isEqualTo(eventsBefore);
        }
        assertThat(provider.received("files"))
                .hasSize(4)
                .allSatisfy(request -> assertThat(request.headers()).containsEntry("apikey", PROVIDER_KEY));
    }

    @Test
    void given_two_primary_master_keys_then_the_service_refuses_to_start_naming_the_rule_but_no_key() {
        assertThatThrownBy(() -> start(List.of(
                                "registry.secrets.master-keys[0].id=k1",
                                "registry.secrets.master-keys[0].keyset=" + K1,
                                "registry.secrets.master-keys[0].primary=true",
                                "registry.secrets.master-keys[1].id=k2",
                                "registry.secrets.master-keys[1].keyset=" + K2,
                                "registry.secrets.master-keys[1].primary=true"))
                        .close())
                .rootCause()
                .hasMessageContaining("registry.secrets.master-keys must mark exactly one key primary")
                .hasMessageNotContaining(K1.substring(K1.indexOf("\"value\""), K1.indexOf("\"value\"") + 40));
    }

    private void assertFilesListed(ConfigurableApplicationContext registry, String id) {
        HttpApi.Answer files = HttpApi.as(port(registry), "dora", "dora-pw")
                .get("/api/integrations/" + id + "/documents/files?parentId=%2F");
        assertThat(files.status()).as(files.body()).isEqualTo(200);
        assertThat(files.json()).isNotEmpty();
    }

    private ConfigurableApplicationContext start(List<String> secrets) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--registry.embedded-mongo.path=" + data,
                "--registry.outbound.allow-plain-http=true",
                "--registry.outbound.allowed-private-hosts=127.0.0.1",
                "--registry.security.users.alice.password={noop}alice-pw",
                "--registry.security.users.alice.company=acme",
                "--registry.security.users.alice.roles=INTEGRATION_ADMIN",
                "--registry.security.users.dora.password={noop}dora-pw",
                "--registry.security.users.dora.company=acme",
                "--registry.security.users.dora.roles=DOCUMENT_USER",
                "--registry.security.users.olga.password={noop}olga-pw",
                "--registry.security.users.olga.roles=OPERATOR"));
        secrets.forEach(property -> arguments.add("--" + property));
        return new SpringApplicationBuilder(RegistryApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext registry) {
        return ((WebServerApplicationContext) registry).getWebServer().getPort();
    }

    private static List<Document> events(ConfigurableApplicationContext registry) {
        return registry.getBean(MongoTemplate.class).findAll(Document.class, "domainevents");
    }

    private static String keyset() {
        return TestKeys.keysetJson();
    }
}
