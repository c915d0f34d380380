package io.integrationregistry.adapters.rest;

import io.integrationregistry.adapters.rest.security.Callers;
import io.integrationregistry.application.connections.port.in.ConnectionReport;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.connections.port.in.ForTestingConnections;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
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

    private final ForTestingConnections tests;

    ConnectionTestsRestController(ForTestingConnections tests) {
        this.tests = tests;
    }

    @PostMapping("/test")
    @Operation(summary = "Test values being typed", description = "The body is that of a new integration. Calls "
            + "serviceInfo and, with an API key, files of the root folder; answers a report per step "
            + "(reachable, authenticated, listedRoot). Nothing is stored.")
    ConnectionReport testTyped(Authentication authentication, HttpServletRequest request) {
        IntegrationDraft typed = IntegrationRequestReader.creation(RequestBodies.read(request)).draft();
        return tests.test(caller(authentication, request), typed);
    }

    @PostMapping("/{id}/test")
    @Operation(summary = "Test a saved integration", description = "Without a body, the saved values; with the "
            + "body of an edit, the values being edited (a secret left out is the saved one, sent only to the "
            + "origin it was saved for: 400 on authentication.apiKey otherwise). OAuth2 uses the signed-in user's "
            + "connection, and only on the base URL's origin it was made for. Nothing is stored; the test is "
            + "recorded in the audit trail.")
    ConnectionReport testSaved(Authentication authentication, HttpServletRequest request, @PathVariable String id) {
        byte[] body = RequestBodies.read(request);
        Optional<IntegrationDraft> typed = body.length == 0 || new String(body,
                java.nio.charset.StandardCharsets.UTF_8).isBlank()
                ? Optional.empty() : Optional.of(IntegrationRequestReader.edit(body).draft());
        return tests.test(caller(authentication, request), IntegrationsRestController.integrationId(id), typed);
    }

    private static Caller caller(Authentication authentication, HttpServletRequest request) {
        return Callers.of(authentication).within(RequestIds.of(request));
    }
}
