package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.IntegrationViews;
import io.integrationregistry.application.integrations.port.out.CommandOutcome;
import io.integrationregistry.application.integrations.port.out.ForListingIntegrations;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds the answer to an accepted command until the integration list shows the command's effect, so
 * that the caller's next read does too. Should the list lag beyond the timeout, the wait is logged and
 * counted, the list is brought to the integration's events at once (the projection may have left it
 * behind), and the integration is answered from its events.
 */
public final class ReadYourWrites {

    /** Logged under the use cases' name, where operators have always found these warnings. */
    private static final System.Logger log = System.getLogger(IntegrationService.class.getName());

    private final ForListingIntegrations list;
    private final ForStoringIntegrations store;
    private final Duration timeout;
    private final AtomicLong timeouts = new AtomicLong();

    public ReadYourWrites(ForListingIntegrations list, ForStoringIntegrations store, Duration timeout) {
        this.list = list;
        this.store = store;
        this.timeout = timeout;
    }

    /** The integration as the caller's next read will show it: at the command's version or later. */
    IntegrationView shown(Caller caller, IntegrationId id, CommandOutcome outcome) {
        IntegrationView integration = list.awaitVersion(id, outcome.version(), timeout)
                ? list.find(caller.company(), id)
                        .filter(view -> view.version() >= outcome.version())
                        .orElse(null)
                : null;
        if (integration == null) {
            timeouts.incrementAndGet();
            log.log(
                    System.Logger.Level.WARNING,
                    "The integration list did not show integration {0} at version {1}"
                            + " within {2}: catching it up from the event store",
                    id.value(),
                    Long.toString(outcome.version()),
                    timeout);
            list.catchUp(id, store.history(id));
            integration = IntegrationViews.of(
                    store.load(id).orElseThrow(), caller.actor().login());
        }
        return integration;
    }

    /** How many answers the list did not catch up with in time since the start (each one also repaired it). */
    public long timeouts() {
        return timeouts.get();
    }
}
