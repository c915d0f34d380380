package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.integrations.port.out.CommandOutcome;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationCommand;
import io.integrationregistry.domain.IntegrationDecider;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An event store in memory: decides each command with the real decider on the folded stream and
 * appends the events, a version per integration being the sequence number of its last event (0 for
 * the first). Synchronized, so that a decision and its append are atomic as in a real store.
 */
public final class InMemoryIntegrationStore implements ForStoringIntegrations {

    private final Map<IntegrationId, List<IntegrationEvent>> streams = new HashMap<>();
    private final Map<IntegrationId, List<RecordedEvent>> histories = new HashMap<>();
    private RuntimeException nextFailure;
    private RuntimeException nextLostReply;
    private int failingReads;
    private RuntimeException readFailure;
    private int loads;

    @Override
    public synchronized CommandOutcome execute(
            IntegrationCommand command, OptionalLong expectedVersion, Origin origin) {
        if (nextFailure != null) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
        List<IntegrationEvent> stream = streams.computeIfAbsent(command.integrationId(), id -> new ArrayList<>());
        long version = stream.size() - 1L;
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != version) {
            throw new ConcurrentModification(
                    command.integrationId().value(),
                    "expected version " + expectedVersion.getAsLong() + " but it is " + version,
                    null);
        }
        List<IntegrationEvent> events = IntegrationDecider.decide(command, IntegrationDecider.replay(stream));
        List<RecordedEvent> history = histories.computeIfAbsent(command.integrationId(), id -> new ArrayList<>());
        for (IntegrationEvent event : events) {
            stream.add(event);
            history.add(new RecordedEvent(
                    UUID.randomUUID().toString(),
                    stream.size() - 1L,
                    event.occurredAt(),
                    command.actor().login(),
                    origin.requestId(),
                    origin.source().label(),
                    event));
        }
        if (nextLostReply != null) {
            RuntimeException failure = nextLostReply;
            nextLostReply = null;
            throw failure;
        }
        return new CommandOutcome(stream.size() - 1L, !events.isEmpty());
    }

    @Override
    public synchronized List<RecordedEvent> history(IntegrationId id) {
        failReadIfAsked();
        return List.copyOf(histories.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized Optional<StoredIntegration> load(IntegrationId id) {
        loads++;
        List<IntegrationEvent> stream = streams.getOrDefault(id, List.of());
        IntegrationState state = IntegrationDecider.replay(stream);
        return state instanceof Integration integration
                ? Optional.of(new StoredIntegration(integration, stream.size() - 1L))
                : Optional.empty();
    }

    @Override
    public synchronized OptionalLong currentVersion(IntegrationId id) {
        failReadIfAsked();
        List<IntegrationEvent> stream = streams.getOrDefault(id, List.of());
        return stream.isEmpty() ? OptionalLong.empty() : OptionalLong.of(stream.size() - 1L);
    }

    /** The next command fails with {@code failure}, as when the database is down. */
    public synchronized void failNextCommandWith(RuntimeException failure) {
        nextFailure = failure;
    }

    /** The next command is stored, and then fails with {@code failure}, as when the reply is lost. */
    public synchronized void loseNextReplyWith(RuntimeException failure) {
        nextLostReply = failure;
    }

    /** The next {@code count} reads of a version or a history fail, as while the database is gone. */
    public synchronized void failNextReadsWith(int count, RuntimeException failure) {
        failingReads = count;
        readFailure = failure;
    }

    private void failReadIfAsked() {
        if (failingReads > 0) {
            failingReads--;
            throw readFailure;
        }
    }

    public synchronized List<IntegrationEvent> eventsOf(IntegrationId id) {
        return List.copyOf(streams.getOrDefault(id, List.of()));
    }

    public synchronized Integration integration(IntegrationId id) {
        return load(id).orElseThrow().integration();
    }

    /** How often an integration was loaded (folded from its events). */
    public synchronized int loads() {
        return loads;
    }

    public synchronized java.util.Set<IntegrationId> integrationIds() {
        return streams.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    public synchronized long integrationCount() {
        return streams.values().stream().filter(stream -> !stream.isEmpty()).count();
    }
}
