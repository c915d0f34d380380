package io.integrationregistry.adapters.rest;

import io.integrationregistry.adapters.rest.security.RegistryUser;
import io.integrationregistry.adapters.rest.security.Role;
import io.integrationregistry.adapters.rest.security.SecurityConfiguration;
import io.integrationregistry.application.audit.port.in.ForAuditing;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts;
import io.integrationregistry.application.connections.port.in.ForTestingConnections;
import io.integrationregistry.application.documents.port.in.ForReadingProviderCalls;
import io.integrationregistry.application.documents.port.in.ForUsingDocuments;
import io.integrationregistry.application.integrations.port.in.ForManagingIntegrations;
import io.integrationregistry.application.integrations.port.in.ForReadingIntegrations;
import io.integrationregistry.application.projections.port.in.ForAdministeringProjections;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;
import java.util.Set;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web layer of the REST adapter and nothing else: its controllers, its exception handlers and filters (as
 * Spring's web slice picks them from the adapter's packages), the security configuration, and every driving
 * port of the application as a Mockito mock. Each slice test extends this class and declares nothing of its
 * own, so that all of them share one application context and a handler can be tried without the service.
 *
 * <p>Controllers are found by scanning the adapter's packages, never named, so that the tests hold whatever
 * package a controller lives in and however its handler methods are declared: they speak HTTP to it and
 * check what reaches the ports.
 */
@WebMvcTest(
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "io\\.integrationregistry\\.adapters\\.rest\\..*PastStates"),
        properties = {
            "registry.security.users.alice.password={noop}unused",
            "registry.security.users.alice.company=" + WebLayerSlice.COMPANY,
            "registry.security.users.alice.roles=INTEGRATION_ADMIN"
        })
@ContextConfiguration(classes = WebLayerSlice.WebLayer.class)
public abstract class WebLayerSlice {

    /** The company of every signed-in user but the operator. */
    protected static final String COMPANY = "acme";
    /** An integration id in its canonical form. */
    protected static final String INTEGRATION = "3f2c5a9e-7b1d-4c8e-9f60-2a4b6c8d0e1f";

    /** Scans the adapter; Spring's web slice keeps only what belongs to the web layer. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(
            basePackages = "io.integrationregistry.adapters.rest",
            excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
    @Import(SecurityConfiguration.class)
    static class WebLayer {}

    @Autowired
    protected MockMvc mvc;

    @MockitoBean
    protected ForManagingIntegrations management;

    @MockitoBean
    protected ForReadingIntegrations reading;

    @MockitoBean
    protected ForReadingProviderCalls providerCalls;

    @MockitoBean
    protected ForAuditing auditing;

    @MockitoBean
    protected ForUsingDocuments documents;

    @MockitoBean
    protected ForConnectingAccounts accounts;

    @MockitoBean
    protected ForTestingConnections connectionTests;

    @MockitoBean
    protected ForAdministeringProjections projections;

    /**
     * An RFC 9457 answer: the status, {@code application/problem+json}, and a body with the type, a title and
     * the same status.
     */
    protected static ResultMatcher problem(int status, String type) {
        List<ResultMatcher> matchers = List.of(
                status().is(status),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.type").value("/problems/" + type),
                jsonPath("$.title").isNotEmpty(),
                jsonPath("$.status").value(status));
        return result -> {
            for (ResultMatcher matcher : matchers) {
                matcher.match(result);
            }
        };
    }

    protected static RequestPostProcessor admin() {
        return signedIn("alice", COMPANY, Role.INTEGRATION_ADMIN);
    }

    protected static RequestPostProcessor auditor() {
        return signedIn("audrey", COMPANY, Role.AUDITOR);
    }

    protected static RequestPostProcessor documentUser() {
        return signedIn("dora", COMPANY, Role.DOCUMENT_USER);
    }

    /** Works for the whole service, in no company. */
    protected static RequestPostProcessor operator() {
        return signedIn("olga", null, Role.OPERATOR);
    }

    protected static RequestPostProcessor signedIn(String login, String company, Role role) {
        return user(new RegistryUser(login, "{noop}unused", company, Set.of(role)));
    }
}
