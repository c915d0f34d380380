package io.integrationregistry.adapters.rest.connections;

import io.integrationregistry.adapters.rest.integrations.IntegrationRequestReader;
import io.integrationregistry.adapters.rest.integrations.RequestBodies;
import io.integrationregistry.application.connections.port.in.ConnectionReport;
import io.integrationregistry.application.connections.port.in.ForTestingConnections;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** Test a provider connection before or after saving; nothing is stored (INTEGRATION_ADMIN). */
@RestController
@RequestMapping(path = "/api/integrations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Integrations")
class ConnectionTestsRestController {

    /** What the report's steps mean, for both operations. */
    static final String STEPS = "Steps: `reachable` (the provider's host answered HTTP, whatever the status); "
            + "`serviceInfo` (optional: SKIPPED when the provider does not offer it, i.e. 404, 405 or 501; when "
            + "offered, its fields are in the step's `details`); `authenticated` (PASSED only on a 2xx of an "
            + "authenticated call; 401 and 403 fail it, and so does 404 on every call: the base API URL is "
            + "probably wrong; the message names the user an API key was sent as); `listedRoot`. `ok` is true "
            + "when the credentials were accepted and the root folder listed.";

    private final ForTestingConnections tests;

    ConnectionTestsRestController(ForTestingConnections tests) {
        this.tests = tests;
    }

    @PostMapping("/test")
    @Operation(
            summary = "Test values being typed",
            description = "The body is that of a new integration. Calls "
                    + "serviceInfo and, with an API key, files of the root folder, both with the credentials; "
                    + "answers a report per step. " + STEPS + " Nothing is stored.")
    ConnectionReport testTyped(Caller caller, HttpServletRequest request) {
        IntegrationDraft typed =
                IntegrationRequestReader.creation(RequestBodies.read(request)).draft();
        return tests.test(caller, typed);
    }

    @PostMapping("/{id}/test")
    @Operation(
            summary = "Test a saved integration",
            description = "Without a body, the saved values; with the "
                    + "body of an edit, the values being edited (a secret left out is the saved one, sent only to the "
                    + "origin it was saved for: 400 on authentication.apiKey otherwise). OAuth2 uses the signed-in user's "
                    + "connection, and only on the base URL's origin it was made for. " + STEPS + " Nothing is "
                    + "stored; the test is recorded in the audit trail.")
    ConnectionReport testSaved(
            Caller caller, HttpServletRequest request, @PathVariable("id") IntegrationId integrationId) {
        byte[] body = RequestBodies.read(request);
        Optional<IntegrationDraft> typed =
                body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()
                        ? Optional.empty()
                        : Optional.of(IntegrationRequestReader.edit(body).draft());
        return tests.test(caller, integrationId, typed);
    }
}
