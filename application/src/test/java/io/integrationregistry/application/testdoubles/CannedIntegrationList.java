package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.out.ForListingIntegrations;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A read model that answers an empty page and finds nothing: the service only passes queries on. */
public final class CannedIntegrationList implements ForListingIntegrations {

    private volatile RuntimeException nextWaitFailure;

    /** The next wait for a version fails, as when the read model's database goes away. */
    public void failNextWaitWith(RuntimeException failure) {
        nextWaitFailure = failure;
    }

    @Override
    public IntegrationPage page(CompanyId company, IntegrationQuery query) {
        return new IntegrationPage(List.of(), query.page(), query.size(), 0);
    }

    @Override
    public Optional<IntegrationView> find(CompanyId company, IntegrationId id) {
        return Optional.empty();
    }

    /** The list never catches up here: receipts are then answered from the events. */
    @Override
    public boolean awaitVersion(IntegrationId id, long version, Duration timeout) {
        RuntimeException failure = nextWaitFailure;
        if (failure != null) {
            nextWaitFailure = null;
            throw failure;
        }
        return false;
    }

    /** The integrations the service asked to catch up, with the history it gave, in order. */
    public final List<List<RecordedEvent>> caughtUp = new ArrayList<>();

    @Override
    public void catchUp(IntegrationId id, List<RecordedEvent> history) {
        caughtUp.add(List.copyOf(history));
    }
}
