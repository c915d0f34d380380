package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;

/**
 * A creation request remembered under its idempotency key: the integration it creates, a salted
 * fingerprint of the request, when it was first seen, and its answer once it has one.
 */
public record RememberedRequest(
        IntegrationId integrationId, String salt, String fingerprint, Instant firstSeen, IntegrationView answer) {

    public boolean answered() {
        return answer != null;
    }
}
