package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.application.integrations.port.in.ForManagingIntegrations;
import io.integrationregistry.application.integrations.port.in.ReservedId;
import io.integrationregistry.application.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Reserves integration ids, so that an OAuth2 redirect URI is known before the integration is first saved. */
@RestController
@RequestMapping(path = "/api/integrations/reservations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Integrations")
class IdReservationsRestController {

    /** A reserved id, the redirect URI the integration created under it will have, and when it expires. */
    record ReservationResource(String integrationId, String redirectUri, Instant expiresAt) {

        static ReservationResource of(ReservedId reserved) {
            return new ReservationResource(
                    reserved.integrationId().value(), reserved.redirectUri().value(), reserved.expiresAt());
        }
    }

    private final ForManagingIntegrations management;

    IdReservationsRestController(ForManagingIntegrations management) {
        this.management = management;
    }

    @PostMapping
    @Operation(
            summary = "Reserve an integration id",
            description = "Answers 201 with an integration id reserved for the caller's company, the OAuth2 redirect "
                    + "URI an integration created with it (`reservedId` in POST /api/integrations) will have, and "
                    + "when the reservation expires (registry.integrations.reservation-ttl after now). Register "
                    + "the redirect URI at the provider before you have its client id and secret. Only the "
                    + "company that reserved an id can create with it, once. A company holds at most "
                    + "registry.integrations.max-open-reservations open reservations: 429 beyond.")
    ResponseEntity<ReservationResource> reserve(Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ReservationResource.of(management.reserveId(caller)));
    }
}
