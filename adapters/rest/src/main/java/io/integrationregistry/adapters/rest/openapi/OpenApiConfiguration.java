package io.integrationregistry.adapters.rest.openapi;

import io.integrationregistry.adapters.rest.problem.ProblemTypes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI description of the API beyond what the controllers say of themselves: who the description is,
 * where the service is reached, how callers sign in, and (through {@link OperationAnswers}) what each operation
 * answers, failures included. The server is the configured public URL, never the Host a request happens to carry.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";

    @Bean
    OpenAPI registryApiDescription(@Value("${registry.public-url:http://localhost:8080}") String publicUrl) {
        return new OpenAPI()
                .info(new Info().title("Integration registry").version("1").description(DESCRIPTION))
                .servers(List.of(new Server().url(publicUrl).description("This service")))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        BASIC,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("basic")
                                                .description(
                                                        "User name and password of registry.security.users.*; used when no "
                                                                + "JWT issuer is configured."))
                                .addSecuritySchemes(
                                        BEARER,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("JWT")
                                                .description(
                                                        "A JWT of the configured issuer and audience; used instead of "
                                                                + "HTTP Basic when spring.security.oauth2.resourceserver.jwt.* is set.")));
    }

    /** Added once the description is built, which sets its schemas to those of the controllers' types. */
    @Bean
    OpenApiCustomizer operationAnswers() {
        return api -> {
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            api.setComponents(
                    components.addSchemas(FIELD_PROBLEM, fieldProblem()).addSchemas(PROBLEM, problem()));
            new OperationAnswers().customise(api);
        };
    }

    /** RFC 9457: every error of the API has this shape, as {@code application/problem+json}. */
    private static Schema<?> problem() {
        return new ObjectSchema()
                .required(List.of("type", "title", "status"))
                .description("An RFC 9457 problem detail. Further members may name what the problem concerns, "
                        + "e.g. providerMessage (a provider's own message, secrets masked) or connectionStatus.")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri-reference")
                                .example(ProblemTypes.INVALID_REQUEST.toString())
                                .description(
                                        "The kind of problem, e.g. /problems/invalid-request, /problems/stale-version"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("2 fields are invalid; see errors"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref(FIELD_PROBLEM))
                                .description("For bad input: every broken field at once"))
                .additionalProperties(true);
    }

    private static Schema<?> fieldProblem() {
        return new ObjectSchema()
                .required(List.of("field", "rule", "message"))
                .addProperty("field", new StringSchema().example("authentication.apiKey"))
                .addProperty("rule", new StringSchema().example("must not be blank"))
                .addProperty("message", new StringSchema().example("authentication.apiKey must not be blank"));
    }

    private static final String DESCRIPTION = """
            Custom document-webhook integrations of a company: register, edit, activate and deactivate them, \
            test their connections, use their providers' documents through them, connect users' OAuth2 accounts, \
            and read the audit trail.

            Every /api request is signed in, with HTTP Basic or, when a JWT issuer is configured, a bearer JWT; \
            each user belongs to one company and sees only its integrations (another company's answers 404). \
            Roles: INTEGRATION_ADMIN (everything in its company), AUDITOR (reads, the audit trail and history), \
            DOCUMENT_USER (reads the integrations, uses the documents and OAuth2 connections), OPERATOR \
            (the projections, for all companies; nothing else).

            Every error is an RFC 9457 problem detail (application/problem+json, schema Problem): 400 bad input \
            (every broken field in errors; also malformed JSON, unknown fields, bodies over 64 KiB), 401 not \
            signed in, 403 role not allowed or a cross-site change, 404 unknown id or another company's, 409 \
            duplicate name, conflicting change or an integration in the wrong state, 412 stale If-Match, 422 \
            Idempotency-Key reused with another body, 428 If-Match missing, 429 too many sign-in failures or \
            provider calls (with Retry-After), 502 the provider failed or refused the credentials, 503 the \
            database is unavailable (with Retry-After), 504 the provider did not answer in time. A provider's \
            own refusal keeps its meaning (types /problems/provider-*): 400 rejected request, 404 no such \
            document or folder, 409 conflict, 413 too large, 429 rate limited (its Retry-After passed on), \
            501 a call the provider does not offer.""";
}
