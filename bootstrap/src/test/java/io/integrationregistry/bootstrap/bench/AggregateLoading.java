package io.integrationregistry.bootstrap.bench;

import com.mongodb.client.model.Filters;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationCommand;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * B3: how long one command takes on an integration with a long history (10,000 events) against one with
 * a short history (10 events), through the command gateway (loading the aggregate from its snapshot and
 * later events, deciding, appending). Measured with the service's snapshots (every 100 events), then
 * with snapshots off.
 */
final class AggregateLoading {

    static final int LONG_HISTORY = 10_000;
    static final int SHORT_HISTORY = 10;
    private static final int COMMANDS_PER_REP = 20;
    private static final String SNAPSHOT_TRIGGER = "integrationSnapshotTrigger";

    private final Bench bench;
    private final ForStoringIntegrations store;
    private final CompanyId company = new CompanyId("bench-aggregates");
    private final Actor actor = new Actor(Service.ADMIN);

    /** One integration under test and whether it is active now. */
    private static final class Subject {
        final IntegrationId id;
        boolean active;

        Subject(IntegrationId id, boolean active) {
            this.id = id;
            this.active = active;
        }
    }

    AggregateLoading(Bench bench) {
        this.bench = bench;
        this.store = bench.service.bean(ForStoringIntegrations.class);
    }

    List<Figure> run() {
        long begin = System.nanoTime();
        Subject longOne = bench.seedThenCatchUp(() -> seed("Long history", LONG_HISTORY));
        Subject shortOne = bench.seedThenCatchUp(() -> seed("Short history", SHORT_HISTORY));
        bench.log("B3 seeded histories of " + LONG_HISTORY + " and " + SHORT_HISTORY + " events");

        // Snapshots on, as the service runs: the first command on the long history takes the first snapshot.
        commands(longOne, 3);
        commands(shortOne, 3);
        List<Double> longOn = new ArrayList<>();
        List<Double> shortOn = new ArrayList<>();
        for (int rep = 0; rep < bench.reps(); rep++) {
            longOn.add(median(commands(longOne, COMMANDS_PER_REP)));
            shortOn.add(median(commands(shortOne, COMMANDS_PER_REP)));
        }
        Figure on = new Figure("B3", bench.target, "command on a long-lived aggregate, snapshots on (every 100 events)")
                .size(LONG_HISTORY, LONG_HISTORY, "events vs " + SHORT_HISTORY + " events")
                .measured("10,000-event aggregate", Stats.of(longOn), "ms")
                .baseline("10-event aggregate", Stats.of(shortOn), "ms");
        on.sizeDetails.add(COMMANDS_PER_REP + " commands per run on each");
        on.ratio("long/short time", on.measured.median() / on.baseline.median(), Figure.Goal.AT_MOST, 1.5);
        on.notes.add("commands (activate and deactivate in turn) through the command gateway "
                + "(ForStoringIntegrations.execute), one at a time; each run's value is the median of its commands");
        on.notes.add("histories stored in the service's event collection with its serializer, under their keys and "
                + "positions, and worked through by both projections before the commands");
        on.seconds = (System.nanoTime() - begin) / 1e9;
        bench.profileIfMissed(on, () -> commands(longOne, COMMANDS_PER_REP));

        // Snapshots off: no snapshot is taken, and the ones taken above are removed.
        long offBegin = System.nanoTime();
        Figure off = new Figure("B3", bench.target, "the same, snapshots off (reported)");
        SnapshotTriggerDefinition trigger = bench.service.bean(SNAPSHOT_TRIGGER, SnapshotTriggerDefinition.class);
        int threshold = threshold(trigger, Integer.MAX_VALUE);
        try {
            removeSnapshots(longOne);
            removeSnapshots(shortOne);
            double first = commands(longOne, 1).get(0);
            commands(shortOne, 1);
            int perRep = (int) Math.max(
                    1, Math.min(COMMANDS_PER_REP, bench.seconds("B3") * 0.6 / bench.reps() / (first / 1000.0)));
            List<Double> longOff = new ArrayList<>();
            List<Double> shortOff = new ArrayList<>();
            for (int rep = 0; rep < bench.reps(); rep++) {
                longOff.add(median(commands(longOne, perRep)));
                shortOff.add(median(commands(shortOne, perRep)));
            }
            off.size(LONG_HISTORY, LONG_HISTORY, "events vs " + SHORT_HISTORY + " events")
                    .measured("10,000-event aggregate", Stats.of(longOff), "ms")
                    .baseline("10-event aggregate", Stats.of(shortOff), "ms");
            off.sizeDetails.add(perRep + " commands per run on each");
            off.ratio(
                    "long/short time without snapshots",
                    off.measured.median() / off.baseline.median(),
                    Figure.Goal.REPORT,
                    Double.NaN);
            off.notes.add("the snapshot trigger's threshold raised out of reach for this measurement, and the "
                    + "aggregates' snapshots removed first");
        } finally {
            threshold(trigger, threshold);
        }
        off.extra.put("longHistoryEventsAtEnd", eventsOf(longOne));
        off.seconds = (System.nanoTime() - offBegin) / 1e9;
        bench.settle();
        return List.of(on, off);
    }

    /** Runs commands one after the other on the subject; answers each one's time in milliseconds. */
    private List<Double> commands(Subject subject, int count) {
        List<Double> millis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            IntegrationCommand command = subject.active
                    ? new IntegrationCommand.DeactivateIntegration(subject.id, company, actor, Instant.now())
                    : new IntegrationCommand.ActivateIntegration(subject.id, company, actor, Instant.now());
            long begin = System.nanoTime();
            store.execute(command, OptionalLong.empty(), Origin.generated(Origin.Source.SYSTEM));
            millis.add((System.nanoTime() - begin) / 1e6);
            subject.active = !subject.active;
        }
        return millis;
    }

    /**
     * Stores a history of switches; the projections (which read the store by position) work through it before
     * the commands that follow (see {@link Bench#seedThenCatchUp}), as they would have followed it all along.
     */
    private Subject seed(String name, int events) {
        IntegrationId id = IntegrationId.of(java.util.UUID.randomUUID());
        List<GenericDomainEventMessage<IntegrationEvent>> history = bench.seeder.history(
                id, company, name + " " + id.value().substring(0, 8), events, Seeder.Shape.SWITCHES_ONLY);
        for (int from = 0; from < history.size(); from += 1_000) {
            bench.seeder.append(history.subList(from, Math.min(history.size(), from + 1_000)));
        }
        IntegrationEvent last = history.get(history.size() - 1).getPayload();
        return new Subject(id, !(last instanceof IntegrationEvent.IntegrationDeactivated));
    }

    /** The integration's snapshot is stored under the integration's id. */
    private void removeSnapshots(Subject subject) {
        bench.collection("snapshotevents").deleteOne(Filters.eq("_id", subject.id.value()));
    }

    /** How many events the integration has: its events read by key ({@code <id>:<sequence>}), 1,000 at a time. */
    private long eventsOf(Subject subject) {
        long count = 0;
        while (true) {
            List<String> keys = new ArrayList<>(1_000);
            for (long sequence = count; sequence < count + 1_000; sequence++) {
                keys.add(subject.id.value() + ":" + sequence);
            }
            long found = bench.collection("domainevents").countDocuments(Filters.in("_id", keys));
            count += found;
            if (found < keys.size()) {
                return count;
            }
        }
    }

    /** Sets the snapshot trigger's event count; answers the one it had. */
    private static int threshold(SnapshotTriggerDefinition trigger, int events) {
        try {
            Field field = trigger.getClass().getDeclaredField("threshold");
            field.setAccessible(true);
            int before = field.getInt(trigger);
            field.setInt(trigger, events);
            return before;
        } catch (ReflectiveOperationException failed) {
            throw new IllegalStateException("cannot change the snapshot trigger " + trigger.getClass(), failed);
        }
    }

    private static double median(List<Double> values) {
        return Stats.of(values).median();
    }
}
