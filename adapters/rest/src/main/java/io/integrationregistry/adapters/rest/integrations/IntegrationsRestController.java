package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.adapters.rest.audit.PastStates;
import io.integrationregistry.adapters.rest.integrations.IntegrationRequestReader.IntegrationRequest;
import io.integrationregistry.adapters.rest.openapi.ApiDocumentation;
import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import io.integrationregistry.adapters.rest.problem.PreconditionRequired;
import io.integrationregistry.application.documents.port.in.ForReadingProviderCalls;
import io.integrationregistry.application.documents.port.in.ProviderCallHealth;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.ForManagingIntegrations;
import io.integrationregistry.application.integrations.port.in.ForReadingIntegrations;
import io.integrationregistry.application.integrations.port.in.IdempotencyKey;
import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.InvalidValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Translates the integrations API to the application's driving ports; nothing more. */
@RestController
@RequestMapping(path = "/api/integrations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Integrations", description = "Register, edit, activate and deactivate document-webhook integrations")
class IntegrationsRestController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final ForManagingIntegrations management;
    private final ForReadingIntegrations reading;
    private final PastStates pastStates;
    private final IdempotencyMeters idempotency;
    private final ForReadingProviderCalls providerCalls;

    IntegrationsRestController(
            ForManagingIntegrations management,
            ForReadingIntegrations reading,
            PastStates pastStates,
            ForReadingProviderCalls providerCalls,
            ObjectProvider<MeterRegistry> meterRegistries) {
        this.management = management;
        this.reading = reading;
        this.pastStates = pastStates;
        this.providerCalls = providerCalls;
        this.idempotency = new IdempotencyMeters(meterRegistries.getIfAvailable());
    }

    @PostMapping(consumes = JSON)
    @Operation(
            summary = "Add an integration",
            description = "Answers 201 with Location and ETag. With an "
                    + "Idempotency-Key, repeating the same request within 24 h returns the first answer and adds nothing. "
                    + "With `reservedId` (from POST /api/integrations/reservations), the integration gets that id, "
                    + "and so the redirect URI given with the reservation; an id not reserved for the company, or "
                    + "expired, is a 400, an id already used a 409.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content = @Content(schema = @Schema(implementation = ApiDocumentation.NewIntegration.class)))
    ResponseEntity<IntegrationResource> add(
            Caller caller,
            HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        byte[] body = RequestBodies.read(request);
        IntegrationRequest integration = IntegrationRequestReader.creation(
                body,
                partial -> management.violations(caller, Optional.empty(), partial),
                reserved -> management.reservationViolations(caller, reserved));
        Optional<IdempotencyKey> key =
                Optional.ofNullable(idempotencyKey).map(value -> idempotencyKey(value, caller, body));
        Receipt receipt = key.isEmpty()
                ? add(caller, integration, key)
                : idempotency.counted(() -> add(caller, integration, key));
        return ResponseEntity.created(URI.create(
                        "/api/integrations/" + receipt.integrationId().value()))
                .eTag(ETags.of(receipt.version()))
                .body(IntegrationResource.of(receipt.integration()));
    }

    private Receipt add(Caller caller, IntegrationRequest integration, Optional<IdempotencyKey> key) {
        return integration.reservedId().isPresent()
                ? management.addReserved(
                        caller, integration.reservedId().get(), integration.draft(), integration.active(), key)
                : management.add(caller, integration.draft(), integration.active(), key);
    }

    @GetMapping
    @Operation(
            summary = "List the company's integrations",
            description = "Sorted by `sort` (name, status or updatedAt, the last change) in `direction` (asc or desc), "
                    + "by default by name, A to Z; integrations equal on the sort key come in one order, page after "
                    + "page. Filtered by status and by `q`, a part of the name or of the base API URL (any case). "
                    + "Each integration carries its last provider call (`lastCall`, null when none) and its `health`.")
    IntegrationListResource list(
            Caller caller,
            @Parameter(schema = @Schema(allowableValues = {"ACTIVE", "INACTIVE"})) @RequestParam(required = false)
                    String status,
            @Parameter(description = "A part of the name or of the base API URL, in any case")
                    @RequestParam(required = false)
                    String q,
            @RequestParam(required = false, defaultValue = "0") String page,
            @RequestParam(required = false, defaultValue = "50") String size,
            @Parameter(
                            schema =
                                    @Schema(
                                            allowableValues = {"name", "status", "updatedAt"},
                                            defaultValue = "name"))
                    @RequestParam(required = false)
                    String sort,
            @Parameter(
                            schema =
                                    @Schema(
                                            allowableValues = {"asc", "desc"},
                                            defaultValue = "asc"))
                    @RequestParam(required = false)
                    String direction) {
        IntegrationQuery query = query(status, q, page, size, ListOrderParameters.read(sort, direction));
        IntegrationPage found = reading.list(caller.company(), query);
        List<IntegrationId> ids =
                found.items().stream().map(view -> new IntegrationId(view.id())).toList();
        return IntegrationListResource.of(found, providerCalls.health(caller.company(), ids));
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "Read one integration",
            description = "Answers the integration with its ETag; with "
                    + "asOf (an RFC 3339 instant) or version, as it was then, folded from its events (admins and "
                    + "auditors only; 404 before it existed). The current integration carries its last provider call "
                    + "(`lastCall`, null when none) and its `health`; a past state carries neither.")
    ResponseEntity<IntegrationResource> find(
            Authentication authentication,
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String version) {
        if (asOf != null || version != null) {
            return pastStates
                    .find(authentication, caller, integrationId, asOf, version)
                    .map(view ->
                            ResponseEntity.ok().eTag(ETags.of(view.version())).body(IntegrationResource.of(view)))
                    .orElseThrow(() -> notFound(integrationId));
        }
        IntegrationView view = reading.find(caller.company(), integrationId).orElseThrow(() -> notFound(integrationId));
        ProviderCallHealth health = providerCalls
                .health(caller.company(), List.of(integrationId))
                .getOrDefault(integrationId, ProviderCallHealth.NEVER_CALLED);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(IntegrationResource.of(view, health));
    }

    @PutMapping(path = "/{id}", consumes = JSON)
    @Operation(
            summary = "Replace the editable fields",
            description = "Requires If-Match with the ETag of the "
                    + "version it replaces (428 without, 412 when stale). A secret left out is kept. An edit that changes "
                    + "nothing answers the same version and stores nothing.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content = @Content(schema = @Schema(implementation = ApiDocumentation.EditedIntegration.class)))
    ResponseEntity<IntegrationResource> edit(
            Caller caller,
            HttpServletRequest request,
            @PathVariable("id") IntegrationId integrationId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (ifMatch == null) {
            throw new PreconditionRequired();
        }
        ExpectedVersion expected = ETags.expected(ifMatch);
        IntegrationRequest integration = IntegrationRequestReader.edit(
                RequestBodies.read(request),
                partial -> management.violations(caller, Optional.of(integrationId), expected, partial));
        return answer(management.edit(caller, integrationId, integration.draft(), expected));
    }

    @PostMapping("/{id}/activate")
    @Operation(
            summary = "Activate",
            description = "If-Match is honoured when sent; activating an active " + "integration stores nothing.")
    ResponseEntity<IntegrationResource> activate(
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(management.activate(caller, integrationId, ETags.expected(ifMatch)));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(
            summary = "Deactivate",
            description = "If-Match is honoured when sent; deactivating an inactive " + "integration stores nothing.")
    ResponseEntity<IntegrationResource> deactivate(
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(management.deactivate(caller, integrationId, ETags.expected(ifMatch)));
    }

    private static ResponseEntity<IntegrationResource> answer(Receipt receipt) {
        return ResponseEntity.status(HttpStatus.OK)
                .eTag(ETags.of(receipt.version()))
                .body(IntegrationResource.of(receipt.integration()));
    }

    private static IntegrationRuleViolation notFound(IntegrationId id) {
        return new IntegrationRuleViolation(IntegrationRuleViolation.Rule.INTEGRATION_MUST_EXIST, id.value());
    }

    private static IntegrationQuery query(
            String status, String q, String page, String size, ListOrderParameters order) {
        java.util.List<FieldProblem> problems = new java.util.ArrayList<>(order.problems());
        Optional<IntegrationStatus> wanted = Optional.empty();
        if (status != null && !status.isBlank()) {
            try {
                wanted = Optional.of(IntegrationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                problems.add(FieldProblem.of("status", "must be ACTIVE or INACTIVE"));
            }
        }
        int pageNumber = number("page", page, problems);
        int pageSize = number("size", size, problems);
        if (q != null && q.length() > 100) {
            problems.add(FieldProblem.of("q", "must be at most 100 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        try {
            return new IntegrationQuery(
                    wanted, Optional.ofNullable(q), pageNumber, pageSize, order.sort(), order.direction());
        } catch (InvalidValue invalid) {
            throw InvalidRequest.of(invalid.field(), invalid.rule());
        }
    }

    private static int number(String field, String raw, java.util.List<FieldProblem> problems) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException notANumber) {
            problems.add(FieldProblem.of(field, "must be a whole number"));
            return 0;
        }
    }

    /** The digest binds the key to this exact request of this user; it never leaves the service. */
    private static IdempotencyKey idempotencyKey(String key, Caller caller, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(caller.actor().login().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return new IdempotencyKey(key, HexFormat.of().formatHex(sha256.digest(body)));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
        } catch (InvalidValue invalid) {
            throw InvalidRequest.of(invalid.field(), invalid.rule());
        }
    }
}
