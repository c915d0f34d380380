package io.integrationregistry.application.connections.port.in;

import io.integrationregistry.domain.IntegrationId;

import java.time.Duration;

/**
 * Tells provider calls what changed in the event store, so that what they keep in memory (an integration
 * folded at its last version and its opened API key) serves without asking the store on every call.
 */
public interface ForNoticingIntegrationChanges {

    /** An event of the integration was stored, on this instance or another: what is kept of it is dropped. */
    void changed(IntegrationId id);

    /** Changes may have been missed: everything kept is dropped. */
    void anythingMayHaveChanged();

    /**
     * Every event stored before this call has been told (through {@link #changed}): for {@code validFor} from
     * now, a kept integration may serve without asking the store. Past it, calls ask the store again, so that
     * changes followed no longer never go unseen.
     */
    void caughtUp(Duration validFor);
}
