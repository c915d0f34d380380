package io.integrationregistry.adapters.rest.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * What each operation answers, keyed by method and path, so that the description holds in one place what the
 * controllers, the security rules and the problem rendering do together: the real success status (201 for a
 * creation, 202 for a rebuild, 204 for a disconnection, 302 for the start of an OAuth2 authorization), every
 * error status the operation can give, each as an RFC 9457 problem, the sign-in each needs, and the request
 * bodies that handlers read themselves. An operation missing from the table still gets the sign-in and the
 * errors every signed-in call can meet.
 */
final class OperationAnswers implements OpenApiCustomizer {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";

    /** Errors every signed-in call can meet: not signed in, role not allowed, locked out, database gone. */
    private static final List<Integer> SIGNED_IN = List.of(401, 403, 429, 503);

    private static final List<Integer> ON_ONE = List.of(400, 401, 403, 404, 429, 503);
    private static final List<Integer> A_CHANGE = List.of(400, 401, 403, 404, 409, 412, 429, 503);
    private static final List<Integer> THROUGH_PROVIDER =
            List.of(400, 401, 403, 404, 409, 413, 429, 501, 502, 503, 504);
    /** An OAuth2 connection of one integration: 409 when it is not an OAuth2 integration. */
    private static final List<Integer> ON_AN_OAUTH2_ONE = List.of(401, 403, 404, 409, 429, 503);

    private static final List<Integer> PAGES = List.of(400, 404, 409, 502, 504);

    /** An operation's answers: its success statuses (the first the usual one), its errors, whether it is open. */
    private record Answers(List<Integer> success, List<Integer> errors, boolean open, boolean errorsAsPages) {

        static Answers of(List<Integer> success, List<Integer> errors) {
            return new Answers(success, errors, false, false);
        }
    }

    private static final Map<String, Answers> BY_OPERATION = Map.ofEntries(
            entry("GET /api/integrations", Answers.of(List.of(200), List.of(400, 401, 403, 429, 503))),
            entry("POST /api/integrations", Answers.of(List.of(201), List.of(400, 401, 403, 409, 422, 429, 503))),
            entry("POST /api/integrations/reservations", Answers.of(List.of(201), SIGNED_IN)),
            entry("GET /api/integrations/{id}", Answers.of(List.of(200), ON_ONE)),
            entry(
                    "PUT /api/integrations/{id}",
                    Answers.of(List.of(200), List.of(400, 401, 403, 404, 409, 412, 428, 429, 503))),
            entry("POST /api/integrations/{id}/activate", Answers.of(List.of(200), A_CHANGE)),
            entry("POST /api/integrations/{id}/deactivate", Answers.of(List.of(200), A_CHANGE)),
            entry("POST /api/integrations/test", Answers.of(List.of(200), List.of(400, 401, 403, 429, 503))),
            entry("POST /api/integrations/{id}/test", Answers.of(List.of(200), ON_ONE)),
            entry("GET /api/integrations/{id}/history", Answers.of(List.of(200), List.of(401, 403, 404, 429, 503))),
            entry(
                    "GET /api/integrations/{id}/provider-calls",
                    Answers.of(List.of(200), List.of(400, 401, 403, 404, 429, 503))),
            entry("GET /api/audit", Answers.of(List.of(200), List.of(400, 401, 403, 429, 503))),
            entry("GET /api/audit/export", Answers.of(List.of(200), List.of(400, 401, 403, 429, 503))),
            entry("GET /api/integrations/{id}/documents/serviceInfo", Answers.of(List.of(200), THROUGH_PROVIDER)),
            entry("GET /api/integrations/{id}/documents/metadata", Answers.of(List.of(200), THROUGH_PROVIDER)),
            entry("GET /api/integrations/{id}/documents/files", Answers.of(List.of(200), THROUGH_PROVIDER)),
            entry("GET /api/integrations/{id}/documents/search", Answers.of(List.of(200), THROUGH_PROVIDER)),
            entry("GET /api/integrations/{id}/documents/download", Answers.of(List.of(200), THROUGH_PROVIDER)),
            entry("GET /api/integrations/{id}/documents/thumbnail", Answers.of(List.of(200), THROUGH_PROVIDER)),
            entry("POST /api/integrations/{id}/documents/uploads", Answers.of(List.of(201), THROUGH_PROVIDER)),
            entry("POST /api/integrations/{id}/documents/folders", Answers.of(List.of(201), THROUGH_PROVIDER)),
            entry("PUT /api/integrations/{id}/documents/delete", Answers.of(List.of(200), THROUGH_PROVIDER)),
            entry("PUT /api/integrations/{id}/documents/rename", Answers.of(List.of(200), THROUGH_PROVIDER)),
            entry("GET /api/integrations/{id}/oauth2/authorize", Answers.of(List.of(302, 200), ON_AN_OAUTH2_ONE)),
            entry("GET /api/integrations/{id}/oauth2/connection", Answers.of(List.of(200), ON_AN_OAUTH2_ONE)),
            entry("DELETE /api/integrations/{id}/oauth2/connection", Answers.of(List.of(204), ON_AN_OAUTH2_ONE)),
            entry("GET /oauth2/callback/{id}", new Answers(List.of(200), PAGES, true, true)),
            entry("GET /auth/method", new Answers(List.of(200), List.of(), true, false)),
            entry("GET /api/me", Answers.of(List.of(200), List.of(401, 403, 429))),
            entry("GET /api/admin/projections", Answers.of(List.of(200), SIGNED_IN)),
            entry(
                    "POST /api/admin/projections/{name}/replay",
                    Answers.of(List.of(202), List.of(400, 401, 403, 409, 429, 503))));

    private static final Map<Integer, String> MEANING = Map.ofEntries(
            entry(400, "Bad input: every broken field is named in errors; or the provider rejected the request"),
            entry(401, "Not signed in"),
            entry(403, "The caller's role may not do this, or a change sent by another site's page"),
            entry(
                    404,
                    "No such integration in the caller's company (another company's answers the same), "
                            + "or nothing at the provider"),
            entry(
                    409,
                    "A conflict: a duplicate name, a concurrent change, an integration not active or not OAuth2, "
                            + "an OAuth2 connection required, a rebuild under way, or a creation with the same "
                            + "Idempotency-Key still in progress (with Retry-After), or a conflict at the provider"),
            entry(413, "The provider refused the request, such as an upload, as too large"),
            entry(412, "If-Match names an older version"),
            entry(422, "The Idempotency-Key was used with another body"),
            entry(428, "If-Match is required"),
            entry(
                    429,
                    "Too many failed sign-ins, too many provider calls in flight, or the provider limited the "
                            + "calls (with Retry-After)"),
            entry(501, "The provider does not offer this call"),
            entry(502, "The provider failed, refused the credentials, or answered too much"),
            entry(503, "The database is unavailable (with Retry-After)"),
            entry(504, "The provider did not answer in time"));

    /** What the parameters whose meaning the handlers' signatures do not tell are for. */
    private static final Map<String, String> PARAMETERS = Map.of(
            "cursor",
                    "The next of the previous page, with the same filters; left out for the first page. Opaque; "
                            + "entries recorded since do not shift the following pages",
            "Idempotency-Key",
                    "Makes retries safe: the same key and body within the retention answer the first "
                            + "answer; another body with the key answers 422",
            "If-Match", "The ETag of the version this change was made on; a stale one answers 412",
            "asOf", "The integration as it was at this instant (RFC 3339); auditors and administrators only",
            "version", "The integration as it was at this version; auditors and administrators only");

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> answer(method.name() + " " + path, operation)));
    }

    private static void answer(String key, Operation operation) {
        Answers answers = BY_OPERATION.getOrDefault(key, Answers.of(List.of(), SIGNED_IN));
        operation.setSecurity(
                answers.open()
                        ? List.of()
                        : List.of(
                                new SecurityRequirement().addList(OpenApiConfiguration.BASIC),
                                new SecurityRequirement().addList(OpenApiConfiguration.BEARER)));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (!answers.success().isEmpty()) {
            ApiResponse generated = responses.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("2"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(new ApiResponse().description("OK"));
            responses.keySet().removeIf(code -> code.startsWith("2") || code.startsWith("3"));
            for (int status : answers.success()) {
                responses.addApiResponse(Integer.toString(status), success(key, status, generated));
            }
        }
        for (int status : answers.errors()) {
            responses.addApiResponse(
                    Integer.toString(status), answers.errorsAsPages() ? page(status) : problem(status));
        }
        operation.setResponses(responses);
        if (operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(parameter -> parameter.getDescription() == null)
                    .forEach(parameter -> parameter.setDescription(PARAMETERS.get(parameter.getName())));
        }
        RequestBody body = RequestBodiesRead.of(key);
        if (body != null && operation.getRequestBody() == null) {
            operation.setRequestBody(body);
        }
    }

    private static ApiResponse success(String key, int status, ApiResponse generated) {
        return switch (status) {
            case 204 -> new ApiResponse().description("Done; nothing to answer");
            case 302 ->
                new ApiResponse()
                        .description("To the provider's authentication URL; sets the cookie the "
                                + "callback expects (with Accept: application/json, 200 with the URL instead)")
                        .addHeaderObject("Location", header("The provider's authentication URL"));
            default -> {
                ApiResponse answer = new ApiResponse()
                        .description(status == 201 ? "Created" : status == 202 ? "Accepted" : "OK")
                        .content(generated.getContent())
                        .headers(generated.getHeaders());
                if (key.equals("POST /api/integrations")) {
                    answer.addHeaderObject("Location", header("The new integration"));
                }
                if (key.equals("POST /api/integrations")
                        || key.equals("PUT /api/integrations/{id}")
                        || key.equals("GET /api/integrations/{id}")
                        || key.endsWith("/activate")
                        || key.endsWith("/deactivate")) {
                    answer.addHeaderObject("ETag", header("The integration's version, for If-Match"));
                }
                yield answer;
            }
        };
    }

    private static ApiResponse problem(int status) {
        ApiResponse answer = new ApiResponse()
                .description(MEANING.getOrDefault(status, "Failed"))
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref(OpenApiConfiguration.PROBLEM))));
        if (status == 429 || status == 503) {
            answer.addHeaderObject("Retry-After", header("Seconds to wait before trying again"));
        }
        return answer;
    }

    /** The OAuth2 callback answers the browser with a page, whatever went wrong. */
    private static ApiResponse page(int status) {
        return new ApiResponse()
                .description("A page saying why the account was not connected: "
                        + MEANING.getOrDefault(status, "failed").toLowerCase(java.util.Locale.ROOT))
                .content(new Content().addMediaType("text/html", new MediaType().schema(new StringSchema())));
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    /** The bodies handlers read themselves, which the controllers' signatures therefore do not show. */
    private static final class RequestBodiesRead {

        static RequestBody of(String key) {
            return switch (key) {
                case "POST /api/integrations/test" ->
                    json("NewIntegration", true, "The values being typed: the body of a new integration");
                case "POST /api/integrations/{id}/test" ->
                    json(
                            "EditedIntegration",
                            false,
                            "Optional: the values being edited (the body of an edit); without it, the saved values");
                case "POST /api/integrations/{id}/documents/uploads" ->
                    new RequestBody()
                            .required(true)
                            .description("The file's bytes, with its content type (not a form)")
                            .content(new Content()
                                    .addMediaType(
                                            "application/octet-stream", new MediaType().schema(new BinarySchema()))
                                    .addMediaType("*/*", new MediaType().schema(new BinarySchema())));
                default -> null;
            };
        }

        private static RequestBody json(String schema, boolean required, String description) {
            return new RequestBody()
                    .required(required)
                    .description(description)
                    .content(new Content().addMediaType(JSON, new MediaType().schema(new Schema<>().$ref(schema))));
        }
    }
}
