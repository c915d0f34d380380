package io.integrationregistry.adapters.rest.integrations;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.PartialDraft;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.WebUrl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an integration from a JSON body, checking every field and reporting every broken one at
 * once: unknown fields, wrong JSON types, and the domain's own rules for each value.
 */
public final class IntegrationRequestReader {

    /**
     * What a request asks for: the draft, and (on creation) whether it starts active and the id reserved
     * for it, if any.
     */
    public record IntegrationRequest(IntegrationDraft draft, boolean active, Optional<IntegrationId> reservedId) {}

    private static final Set<String> CREATION_FIELDS =
            Set.of("name", "baseApiUrl", "requestParameters", "active", "authentication", ReservedIds.FIELD);
    private static final Set<String> EDIT_FIELDS = Set.of("name", "baseApiUrl", "requestParameters", "authentication");
    private static final Set<String> OAUTH2_FIELDS = Set.of(
            "type", "authenticationUrl", "tokenEndpointUrl", "clientId", "clientSecret", "redirectUri", "scopes");
    private static final Set<String> API_KEY_FIELDS = Set.of("type", "apiKey");

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        STRICT_JSON
                .getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private final List<FieldProblem> problems = new ArrayList<>();
    // What was read of the authentication, even when some of it is broken (see PartialDraft).
    private AuthenticationType chosenType;
    private WebUrl chosenAuthenticationUrl;
    private WebUrl chosenTokenEndpointUrl;
    private boolean secretLeftOut;

    private IntegrationRequestReader() {}

    public static IntegrationRequest creation(byte[] body) {
        return creation(body, IntegrationRequestReader::nothingMore);
    }

    public static IntegrationRequest edit(byte[] body) {
        return edit(body, IntegrationRequestReader::nothingMore);
    }

    private static List<InvalidValue> nothingMore(PartialDraft partial) {
        return List.of();
    }

    /**
     * Reads a new integration, and refuses it naming, with what is wrong in the request, what {@code judge}
     * finds wrong with the fields that could be read: the use cases' own rules, judged before anything is
     * stored, so that every broken field is named in one answer.
     */
    public static IntegrationRequest creation(byte[] body, Function<PartialDraft, List<InvalidValue>> judge) {
        return creation(body, judge, reserved -> List.of());
    }

    /**
     * Reads a new integration as {@link #creation(byte[], Function)} does, and judges its reserved id, when it
     * names a well-formed one, with {@code reservationJudge}.
     */
    public static IntegrationRequest creation(
            byte[] body,
            Function<PartialDraft, List<InvalidValue>> judge,
            Function<IntegrationId, List<InvalidValue>> reservationJudge) {
        return new IntegrationRequestReader().read(body, CREATION_FIELDS, true, judge, reservationJudge);
    }

    /** Reads an edit, as {@link #creation(byte[], Function)} reads a new integration. */
    public static IntegrationRequest edit(byte[] body, Function<PartialDraft, List<InvalidValue>> judge) {
        return new IntegrationRequestReader().read(body, EDIT_FIELDS, false, judge, reserved -> List.of());
    }

    private IntegrationRequest read(
            byte[] body,
            Set<String> allowed,
            boolean creation,
            Function<PartialDraft, List<InvalidValue>> judge,
            Function<IntegrationId, List<InvalidValue>> reservationJudge) {
        ObjectNode root = parse(body);
        unknownFields(
                root,
                "",
                allowed,
                creation
                        ? "is not a field of an integration"
                        : "cannot be changed here (use /activate or /deactivate for the status)");
        IntegrationName name = value("name", requiredText(root, "name"), IntegrationName::new);
        BaseApiUrl baseApiUrl = value("baseApiUrl", requiredText(root, "baseApiUrl"), BaseApiUrl::new);
        RequestParameters parameters =
                value("requestParameters", optionalText(root, "requestParameters", ""), RequestParameters::of);
        boolean active = optionalBoolean(root, "active", true);
        AuthenticationSpec<PlainSecret> authentication = authentication(root.get("authentication"));
        Optional<IntegrationId> reservedId = creation ? ReservedIds.read(root, problems) : Optional.empty();
        List<InvalidValue> judged = new ArrayList<>(judge.apply(new PartialDraft(
                Optional.ofNullable(name),
                Optional.ofNullable(baseApiUrl),
                Optional.ofNullable(chosenType),
                Optional.ofNullable(chosenAuthenticationUrl),
                Optional.ofNullable(chosenTokenEndpointUrl),
                secretLeftOut)));
        reservedId.ifPresent(id -> judged.addAll(reservationJudge.apply(id)));
        List<FieldProblem> all = DraftProblems.union(problems, judged);
        if (!all.isEmpty()) {
            throw new InvalidRequest(all);
        }
        return new IntegrationRequest(
                new IntegrationDraft(name, baseApiUrl, parameters, authentication), active, reservedId);
    }

    private static ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            throw InvalidRequest.of("body", "must be a JSON object describing the integration");
        }
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException malformed) {
            // Where, not what: the parser's own message quotes the text it stumbled on, which can be a secret.
            JsonLocation where = malformed.getLocation();
            throw InvalidRequest.of(
                    "body",
                    where == null || where.getLineNr() < 1
                            ? "must be well-formed JSON"
                            : "must be well-formed JSON (broken at line " + where.getLineNr() + ", column "
                                    + where.getColumnNr() + ")");
        } catch (java.io.IOException unreadable) {
            throw InvalidRequest.of("body", "must be well-formed JSON");
        }
        if (!(root instanceof ObjectNode object)) {
            throw InvalidRequest.of("body", "must be a JSON object describing the integration");
        }
        return object;
    }

    private AuthenticationSpec<PlainSecret> authentication(JsonNode node) {
        if (node == null || node.isNull()) {
            problems.add(FieldProblem.of("authentication", "is required"));
            return null;
        }
        if (!node.isObject()) {
            problems.add(FieldProblem.of("authentication", "must be an object with a type"));
            return null;
        }
        String type = requiredText(node, "authentication.type", "type");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "OAUTH2" -> {
                unknownFields(node, "authentication.", OAUTH2_FIELDS, "is not a field of OAUTH2 authentication");
                if (node.has("redirectUri")) {
                    problems.add(FieldProblem.of(
                            "authentication.redirectUri", "is generated by the service and cannot be set"));
                }
                WebUrl authenticationUrl = value(
                        "authentication.authenticationUrl",
                        requiredText(node, "authentication.authenticationUrl", "authenticationUrl"),
                        WebUrl::new);
                WebUrl tokenEndpointUrl = value(
                        "authentication.tokenEndpointUrl",
                        requiredText(node, "authentication.tokenEndpointUrl", "tokenEndpointUrl"),
                        WebUrl::new);
                ClientId clientId = value(
                        "authentication.clientId",
                        requiredText(node, "authentication.clientId", "clientId"),
                        ClientId::new);
                Optional<PlainSecret> clientSecret = secret(node, "authentication.clientSecret", "clientSecret");
                Scopes scopes = ScopesReader.read(node.get("scopes"), problems);
                chosen(AuthenticationType.OAUTH2, authenticationUrl, tokenEndpointUrl, clientSecret);
                return authenticationUrl == null
                                || tokenEndpointUrl == null
                                || clientId == null
                                || clientSecret == null
                                || scopes == null
                        ? null
                        : new AuthenticationSpec.OAuth2Spec<>(
                                authenticationUrl, tokenEndpointUrl, clientId, clientSecret, scopes);
            }
            case "API_KEY" -> {
                unknownFields(node, "authentication.", API_KEY_FIELDS, "is not a field of API_KEY authentication");
                Optional<PlainSecret> apiKey = secret(node, "authentication.apiKey", "apiKey");
                chosen(AuthenticationType.API_KEY, null, null, apiKey);
                return apiKey == null ? null : new AuthenticationSpec.ApiKeySpec<>(apiKey);
            }
            default -> {
                problems.add(FieldProblem.of("authentication.type", "must be OAUTH2 or API_KEY"));
                return null;
            }
        }
    }

    private void chosen(
            AuthenticationType type, WebUrl authenticationUrl, WebUrl tokenEndpointUrl, Optional<PlainSecret> secret) {
        chosenType = type;
        chosenAuthenticationUrl = authenticationUrl;
        chosenTokenEndpointUrl = tokenEndpointUrl;
        secretLeftOut = secret != null && secret.isEmpty();
    }

    /** A secret left out or null is kept as stored; null here means the field is broken. */
    private Optional<PlainSecret> secret(JsonNode node, String field, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.add(FieldProblem.of(field, "must be a string"));
            return null;
        }
        PlainSecret secret = value(field, value.textValue(), raw -> PlainSecret.of(field, raw));
        return secret == null ? null : Optional.of(secret);
    }

    private void unknownFields(JsonNode node, String prefix, Set<String> allowed, String rule) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(FieldProblem.of(prefix + printable(name), rule));
            }
        }
    }

    private String requiredText(JsonNode node, String field) {
        return requiredText(node, field, field);
    }

    private String requiredText(JsonNode node, String field, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            problems.add(FieldProblem.of(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(FieldProblem.of(field, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private String optionalText(JsonNode node, String field, String absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isTextual()) {
            problems.add(FieldProblem.of(field, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private boolean optionalBoolean(JsonNode node, String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            problems.add(FieldProblem.of(field, "must be true or false"));
            return absent;
        }
        return value.booleanValue();
    }

    /** Builds a value object, recording its rule as the field's problem when it refuses. */
    private <T> T value(String field, String raw, Function<String, T> create) {
        if (raw == null) {
            return null;
        }
        try {
            return create.apply(raw);
        } catch (InvalidValue invalid) {
            problems.add(new FieldProblem(field, invalid.rule(), field + " " + invalid.rule()));
            return null;
        }
    }

    private static String printable(String name) {
        String shown = name.codePoints()
                .limit(64)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return name.length() > 64 ? shown + "..." : shown;
    }
}
