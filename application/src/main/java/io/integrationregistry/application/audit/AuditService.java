package io.integrationregistry.application.audit;

import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditPage;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.audit.port.in.ForAuditing;
import io.integrationregistry.application.audit.port.out.ForQueryingTheAuditTrail;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.IntegrationViews;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationDecider;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationState;
import io.integrationregistry.domain.InvalidValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The auditors' questions: the trail from its projection; history and past states from the events. */
public final class AuditService implements ForAuditing {

    public static final int MAX_PAGE_SIZE = 500;

    private final ForQueryingTheAuditTrail trail;
    private final ForStoringIntegrations store;

    public AuditService(ForQueryingTheAuditTrail trail, ForStoringIntegrations store) {
        this.trail = trail;
        this.store = store;
    }

    @Override
    public AuditPage trail(CompanyId company, AuditQuery query, Optional<String> cursor, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidValue("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return trail.page(company, query, cursor, size);
    }

    @Override
    public void export(CompanyId company, AuditQuery query, Consumer<AuditEntry> sink) {
        trail.export(company, query, sink);
    }

    @Override
    public List<RecordedEvent> history(CompanyId company, IntegrationId id) {
        List<RecordedEvent> history = store.history(id);
        return history.isEmpty() || !history.get(0).event().companyId().equals(company) ? List.of() : history;
    }

    @Override
    public Optional<IntegrationView> asOf(CompanyId company, IntegrationId id, Instant instant) {
        // Instants are shown to the millisecond: the moment shown for an event includes that event.
        Instant shown = instant.truncatedTo(ChronoUnit.MILLIS);
        return foldWhile(
                history(company, id),
                event -> !event.event()
                        .occurredAt()
                        .truncatedTo(ChronoUnit.MILLIS)
                        .isAfter(shown));
    }

    @Override
    public Optional<IntegrationView> atVersion(CompanyId company, IntegrationId id, long version) {
        if (version < 0) {
            throw new InvalidValue("version", "must be 0 or more");
        }
        List<RecordedEvent> history = history(company, id);
        return history.size() <= version ? Optional.empty() : foldWhile(history, event -> event.sequence() <= version);
    }

    /** Folds the events from the first while {@code included} holds. */
    private static Optional<IntegrationView> foldWhile(List<RecordedEvent> history, Predicate<RecordedEvent> included) {
        IntegrationState state = IntegrationDecider.initialState();
        RecordedEvent last = null;
        for (RecordedEvent event : history) {
            if (!included.test(event)) {
                break;
            }
            state = IntegrationDecider.evolve(state, event.event());
            last = event;
        }
        if (!(state instanceof Integration integration)) {
            return Optional.empty();
        }
        return Optional.of(IntegrationViews.of(new StoredIntegration(integration, last.sequence()), last.actor()));
    }
}
