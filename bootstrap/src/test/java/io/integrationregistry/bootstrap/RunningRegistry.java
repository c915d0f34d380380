package io.integrationregistry.bootstrap;

import io.integrationregistry.application.integrations.port.in.ForManagingIntegrations;
import io.integrationregistry.application.integrations.port.in.ForReadingIntegrations;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.WebUrl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** One instance of the whole service, started in-process for a test, and the ports it offers. */
public final class RunningRegistry implements AutoCloseable {

    static final Caller ADMIN = new Caller(new Actor("alice@acme.example"), new CompanyId("acme"));

    private final ConfigurableApplicationContext context;

    private RunningRegistry(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the service with {@code properties} (name=value) on a random port. */
    public static RunningRegistry start(String... properties) {
        return start(List.of(properties));
    }

    /**
     * Starts the service with {@code properties} (name=value) on a random port unless they name one, its context
     * first prepared by {@code initializers} (such as one registering a bean of the caller's).
     */
    @SafeVarargs
    public static RunningRegistry start(
            List<String> properties, ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        List<String> arguments = new ArrayList<>();
        if (properties.stream().noneMatch(property -> property.startsWith("server.port="))) {
            // a second --server.port would not replace the first: Spring binds both, as "0,0"
            arguments.add("--server.port=0");
        }
        for (String property : properties) {
            arguments.add("--" + property);
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(RegistryApplication.class);
        for (ApplicationContextInitializer<ConfigurableApplicationContext> initializer : initializers) {
            builder.initializers(initializer);
        }
        return new RunningRegistry(builder.run(arguments.toArray(String[]::new)));
    }

    ForManagingIntegrations management() {
        return context.getBean(ForManagingIntegrations.class);
    }

    ForReadingIntegrations reading() {
        return context.getBean(ForReadingIntegrations.class);
    }

    ForStoringIntegrations store() {
        return context.getBean(ForStoringIntegrations.class);
    }

    /** The port the service listens on (it is started on a random one). */
    public int port() {
        return ((org.springframework.boot.web.context.WebServerApplicationContext) context)
                .getWebServer()
                .getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    boolean has(Class<?> type) {
        return context.getBeanNamesForType(type).length > 0;
    }

    /** Waits until the list read model shows the integration at least at {@code version}. */
    IntegrationView awaitListed(IntegrationId id, long version) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> reading().find(ADMIN.company(), id),
                        found -> found.filter(v -> v.version() >= version).isPresent())
                .orElseThrow();
    }

    Optional<IntegrationView> listed(IntegrationId id) {
        return reading().find(ADMIN.company(), id);
    }

    static IntegrationDraft oauth2Draft(String name, String clientSecret) {
        return new IntegrationDraft(
                new IntegrationName(name),
                new BaseApiUrl("https://docs.example/api/v1"),
                new RequestParameters("access_type=offline"),
                new AuthenticationSpec.OAuth2Spec<>(
                        new WebUrl("https://auth.example/authorize"),
                        new WebUrl("https://auth.example/token"),
                        new ClientId("client-1"),
                        Optional.of(PlainSecret.of("authentication.clientSecret", clientSecret)),
                        Scopes.NONE));
    }

    static IntegrationDraft apiKeyDraft(String name, String apiKey) {
        return new IntegrationDraft(
                new IntegrationName(name),
                new BaseApiUrl("https://docs.example/api/v2"),
                RequestParameters.NONE,
                new AuthenticationSpec.ApiKeySpec<>(Optional.of(PlainSecret.of("authentication.apiKey", apiKey))));
    }

    @Override
    public void close() {
        context.close();
    }
}
