package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.projections.port.out.ForReplayingProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How far behind each projection's processor on this instance is, read when the meters are scraped:
 * <ul>
 *   <li>{@value #EVENTS}: the events stored after the position it reached (the lag of the projections'
 *       status, as {@code /api/admin/projections} shows it);
 *   <li>{@value #SECONDS}: zero when it has caught up; otherwise how long ago the newest event it was handed
 *       was stored, which grows while it stays behind (a processor stopped by an error included).
 * </ul>
 * Both are NaN while unknown (the processor holds no segment here, or has handled nothing yet while behind).
 * The status is read at most once per {@link #FRESH_FOR}, for every gauge of a scrape together: a read of the
 * store's newest position and of each model's rebuild state, as the status does.
 */
final class ProjectionLagMeters implements MeterBinder {

    static final String EVENTS = "registry.projection.lag.events";
    static final String SECONDS = "registry.projection.lag.seconds";
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final ForReplayingProjections projections;
    private final HandledEventTimes handled;
    private final Clock clock;
    private final List<String> names;
    private Snapshot last = new Snapshot(Instant.MIN, Map.of());

    ProjectionLagMeters(
            ForReplayingProjections projections, HandledEventTimes handled, Clock clock, List<String> names) {
        this.projections = projections;
        this.handled = handled;
        this.clock = clock;
        this.names = List.copyOf(names);
    }

    private record Snapshot(Instant taken, Map<String, ProjectionStatus> statuses) {}

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : names) {
            Gauge.builder(EVENTS, () -> lagInEvents(name))
                    .description("Events stored after the position the projection's processor reached")
                    .tag("projection", name)
                    .baseUnit("events")
                    .register(registry);
            Gauge.builder(SECONDS, () -> lagInSeconds(name))
                    .description("How far behind the projection's processor is, in time")
                    .tag("projection", name)
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    double lagInEvents(String name) {
        return status(name).map(ProjectionStatus::lag).map(Long::doubleValue).orElse(Double.NaN);
    }

    double lagInSeconds(String name) {
        Optional<Long> lag = status(name).map(ProjectionStatus::lag);
        if (lag.isEmpty()) {
            return Double.NaN;
        }
        if (lag.get() == 0) {
            return 0;
        }
        return handled.newest(name)
                .map(stored ->
                        Math.max(0, Duration.between(stored, clock.instant()).toMillis()) / 1000.0)
                .orElse(Double.NaN);
    }

    private Optional<ProjectionStatus> status(String name) {
        return Optional.ofNullable(snapshot().statuses().get(name));
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (last.taken().plus(FRESH_FOR).isBefore(now)) {
            Map<String, ProjectionStatus> statuses;
            try {
                statuses = projections.status().stream()
                        .collect(Collectors.toMap(ProjectionStatus::name, Function.identity(), (one, other) -> one));
            } catch (RuntimeException unreadable) {
                // the store is away: the lag is unknown, and the scrape still answers
                statuses = Map.of();
            }
            last = new Snapshot(now, statuses);
        }
        return last;
    }
}
