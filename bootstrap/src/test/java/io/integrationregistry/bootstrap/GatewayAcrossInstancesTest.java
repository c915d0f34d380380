package io.integrationregistry.bootstrap;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import fixtures.keys.TestKeys;
import fixtures.mongo.EmbeddedMongo;
import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.application.connections.IntegrationNotActive;
import io.integrationregistry.application.documents.port.in.ForUsingDocuments;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.integrationregistry.bootstrap.RunningRegistry.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Provider calls keep an API-key integration and its opened key in memory: in steady state a call reads nothing
 * from the database, yet a deactivation or an edit made on one instance reaches the other's calls within 1 s.
 */
class GatewayAcrossInstancesTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @TempDir
    static Path data;

    private static EmbeddedMongo mongo;
    private static DocumentProviderStub provider;
    private static RunningRegistry one;
    private static RunningRegistry two;
    /** The commands instance two's client sent, each with the name of the thread that sent it. */
    private static final List<String> twosCommands = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        mongo = new EmbeddedMongo(data, "registry");
        provider = DocumentProviderStub.open();
        List<String> properties = List.of(
                "spring.data.mongodb.uri=" + mongo.uri(),
                "registry.secrets.keyset=" + TestKeys.keysetJson(),
                "registry.outbound.allow-plain-http=true",
                "registry.outbound.allowed-private-hosts=127.0.0.1");
        one = RunningRegistry.start(properties);
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                twosCommands.add(Thread.currentThread().getName() + " " + event.getCommandName() + " "
                        + event.getCommand().get(event.getCommandName()));
            }
        };
        MongoClientSettingsBuilderCustomizer listening = settings -> settings.addCommandListener(listener);
        two = RunningRegistry.start(
                properties,
                starting -> starting.getBeanFactory().registerSingleton("countingMongoCommands", listening));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closing : new AutoCloseable[] {one, two, provider}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception ignored) {
                // the others still close
            }
        }
        mongo.close();
    }

    @Test
    void steadyStateApiKeyCallsReadNothingFromTheDatabase() {
        IntegrationId id = added("Steady", "steady-api-key-0123456789");
        String caller = Thread.currentThread().getName();
        // The notice of the add reaches instance two within WITHIN and drops what an earlier call kept:
        // steady means calls that have read nothing for that long.
        await().during(WITHIN)
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    twosCommands.clear();
                    documentsOf(two).serviceInfo(ADMIN, id);
                    return twosCommands.stream().noneMatch(command -> command.startsWith(caller + " "));
                });

        twosCommands.clear();
        for (int call = 0; call < 20; call++) {
            documentsOf(two).serviceInfo(ADMIN, id);
        }

        assertThat(twosCommands).noneMatch(command -> command.startsWith(caller + " "));
        assertThat(provider.last().header("apiKey")).isEqualTo("steady-api-key-0123456789");
    }

    @Test
    void aDeactivationOnOneInstanceStopsTheOthersGatewayCallsWithinASecond() {
        IntegrationId id = added("Deactivated", "deactivated-api-key-0123456789");
        documentsOf(two).serviceInfo(ADMIN, id);
        documentsOf(two).serviceInfo(ADMIN, id);

        one.management().deactivate(ADMIN, id, ExpectedVersion.ANY);
        long deactivated = System.nanoTime();

        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThatThrownBy(() -> documentsOf(two).serviceInfo(ADMIN, id))
                        .isInstanceOf(IntegrationNotActive.class));
        assertThat(Duration.ofNanos(System.nanoTime() - deactivated)).isLessThan(WITHIN);
    }

    @Test
    void anEditOfTheApiKeyOnOneInstanceIsSentByTheOtherWithinASecond() {
        IntegrationId id = added("Edited", "edited-api-key-old-0123456789");
        documentsOf(two).serviceInfo(ADMIN, id);
        assertThat(provider.last().header("apiKey")).isEqualTo("edited-api-key-old-0123456789");

        one.management().edit(ADMIN, id, draft("Edited", "edited-api-key-new-0123456789"), ExpectedVersion.ANY);
        long edited = System.nanoTime();

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            documentsOf(two).serviceInfo(ADMIN, id);
            assertThat(provider.last().header("apiKey")).isEqualTo("edited-api-key-new-0123456789");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - edited)).isLessThan(WITHIN);
    }

    @Test
    void anEditOnTheSameInstanceIsUsedByItsNextCall() {
        IntegrationId id = added("Edited here", "edited-here-api-key-old-0123456789");
        documentsOf(two).serviceInfo(ADMIN, id);

        two.management()
                .edit(ADMIN, id, draft("Edited here", "edited-here-api-key-new-0123456789"), ExpectedVersion.ANY);
        documentsOf(two).serviceInfo(ADMIN, id);

        assertThat(provider.last().header("apiKey")).isEqualTo("edited-here-api-key-new-0123456789");
    }

    private static IntegrationId added(String name, String apiKey) {
        return one.management().add(ADMIN, draft(name, apiKey), true).integrationId();
    }

    private static IntegrationDraft draft(String name, String apiKey) {
        return new IntegrationDraft(
                new IntegrationName(name),
                new BaseApiUrl(provider.baseApiUrl()),
                RequestParameters.NONE,
                new AuthenticationSpec.ApiKeySpec<>(Optional.of(PlainSecret.of("authentication.apiKey", apiKey))));
    }

    private static ForUsingDocuments documentsOf(RunningRegistry instance) {
        return instance.bean(ForUsingDocuments.class);
    }
}
