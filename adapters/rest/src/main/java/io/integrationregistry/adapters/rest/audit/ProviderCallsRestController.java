package io.integrationregistry.adapters.rest.audit;

import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import io.integrationregistry.application.documents.port.in.ForReadingProviderCalls;
import io.integrationregistry.application.documents.port.in.ProviderCallPage;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The calls the service made to an integration's provider for users; for administrators and auditors. */
@RestController
@Tag(name = "Provider calls", description = "What each call to an integration's provider did, and how it ended")
class ProviderCallsRestController {

    private static final String LABELS = String.join(
            ", ",
            Arrays.stream(ProviderCallOutcome.values())
                    .map(ProviderCallOutcome::label)
                    .toList());

    private final ForReadingProviderCalls calls;

    ProviderCallsRestController(ForReadingProviderCalls calls) {
        this.calls = calls;
    }

    @GetMapping(path = "/api/integrations/{id}/provider-calls", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The provider-call log of one integration",
            description = "The calls made to the integration's provider for users through the document gateway, "
                    + "newest first, as far back as the log's retention and per-integration maximum keep them; "
                    + "`next` is the cursor of the next page (null on the last). Each names the endpoint, never a "
                    + "URL, a query, a credential or a document. `providerStatus` is null when the provider gave "
                    + "no status, `bytes` null when not known. Calls are logged within about a second of their "
                    + "end. Administrators and auditors only.")
    ProviderCallPageResource calls(
            Authentication authentication,
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @Parameter(
                            description = "Only the calls of this outcome",
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "success",
                                                "rejected-request",
                                                "not-found",
                                                "not-implemented",
                                                "conflict",
                                                "payload-too-large",
                                                "rate-limited",
                                                "refused-credentials",
                                                "provider-error",
                                                "timeout",
                                                "unreachable",
                                                "answer-too-large",
                                                "outbound-refused",
                                                "aborted"
                                            }))
                    @RequestParam(required = false)
                    String outcome,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "Calls per page, 1 to " + ForReadingProviderCalls.MAX_PAGE_SIZE)
                    @RequestParam(required = false, defaultValue = "" + ForReadingProviderCalls.DEFAULT_PAGE_SIZE)
                    String size) {
        Auditors.require(authentication);
        Optional<String> wanted =
                Optional.ofNullable(outcome).map(String::strip).filter(o -> !o.isEmpty());
        int pageSize = checked(wanted, size);
        ProviderCallPage page = calls.calls(
                        caller.company(),
                        integrationId,
                        wanted,
                        Optional.ofNullable(cursor).filter(c -> !c.isBlank()),
                        pageSize)
                .orElseThrow(() -> new IntegrationRuleViolation(
                        IntegrationRuleViolation.Rule.INTEGRATION_MUST_EXIST, integrationId.value()));
        return new ProviderCallPageResource(
                page.items().stream().map(ProviderCallResource::of).toList(),
                page.next().orElse(null));
    }

    /** The page size, once the size and the outcome are checked together, so that both are named at once. */
    private static int checked(Optional<String> outcome, String size) {
        List<FieldProblem> problems = new ArrayList<>();
        if (outcome.isPresent() && ProviderCallOutcome.ofLabel(outcome.get()) == null) {
            problems.add(FieldProblem.of("outcome", "must be one of " + LABELS));
        }
        int pageSize = 0;
        try {
            pageSize = Integer.parseInt(size.strip());
            if (pageSize < 1 || pageSize > ForReadingProviderCalls.MAX_PAGE_SIZE) {
                problems.add(FieldProblem.of("size", "must be between 1 and " + ForReadingProviderCalls.MAX_PAGE_SIZE));
            }
        } catch (NumberFormatException notANumber) {
            problems.add(FieldProblem.of("size", "must be a whole number"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return pageSize;
    }

    record ProviderCallPageResource(List<ProviderCallResource> items, String next) {}

    /**
     * One provider call as the API shows it.
     *
     * @param providerStatus the provider's HTTP status, null when it gave none
     * @param outcome        such as {@code success}, {@code provider-error} or {@code timeout}
     * @param bytes          of the answer read or of the upload sent, null when not known
     */
    record ProviderCallResource(
            Instant at,
            String user,
            String endpoint,
            Integer providerStatus,
            String outcome,
            long durationMillis,
            Long bytes,
            String requestId,
            String providerMessage) {

        static ProviderCallResource of(ProviderCallRecord call) {
            return new ProviderCallResource(
                    call.at(),
                    call.user(),
                    call.endpoint(),
                    call.providerStatus() == 0 ? null : call.providerStatus(),
                    call.outcome().label(),
                    call.durationMillis(),
                    call.bytes() < 0 ? null : call.bytes(),
                    call.requestId(),
                    call.providerMessage());
        }
    }
}
