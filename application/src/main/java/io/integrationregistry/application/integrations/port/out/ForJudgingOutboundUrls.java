package io.integrationregistry.application.integrations.port.out;

import java.net.URI;
import java.util.Optional;

/**
 * What can be said of a provider URL at registration, without calling it: its scheme, and whether its
 * host is this machine, its network or its cloud's metadata service (server-side request forgery).
 * A host name that does not resolve yet passes; it is judged again on every call.
 */
public interface ForJudgingOutboundUrls {

    /** Why the service must not call this URL, or empty when it may. */
    Optional<String> refusal(URI url);
}
