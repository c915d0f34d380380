package io.integrationregistry.application.connections.port.out;

import java.util.Optional;

/** The OAuth 2.0 states waiting for their callback. Each is used at most once. */
public interface ForKeepingAuthorizationStates {

    void remember(AuthorizationState state);

    /** Removes and answers the state with this hash, atomically: of two callers, one gets it. */
    Optional<AuthorizationState> consume(String stateHash);
}
