package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.projections.port.out.ForReplayingProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands' meters and the projections' lag gauges. */
class AxonMetersTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    record AddSomething(String id) {}

    @Test
    void commandsAreTimedByTypeAndOutcome() {
        CommandMeters meters = new CommandMeters(registry);

        meters.onMessageIngested(GenericCommandMessage.asCommandMessage(new AddSomething("a")))
                .reportSuccess();
        meters.onMessageIngested(GenericCommandMessage.asCommandMessage(new AddSomething("b")))
                .reportFailure(new IllegalStateException("refused"));
        meters.onMessageIngested(GenericCommandMessage.asCommandMessage(new AddSomething("c")))
                .reportSuccess();

        assertThat(registry.get(CommandMeters.NAME)
                        .tags("command", "AddSomething", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(CommandMeters.NAME)
                        .tags("command", "AddSomething", "outcome", "failure")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.getMeters()).hasSize(2);
    }

    @Test
    void aScrapeReadsTheProjectionsStatusOnceForAllItsGauges() {
        Statuses statuses = new Statuses(Map.of("integration-list", 0L, "audit-trail", 3L));
        new ProjectionLagMeters(statuses, new HandledEventTimes(), Clock.fixed(NOW, ZoneOffset.UTC), names())
                .bindTo(registry);

        registry.getMeters().forEach(meter -> meter.measure().forEach(measurement -> measurement.getValue()));

        assertThat(registry.getMeters()).hasSize(4);
        assertThat(statuses.reads.get()).isEqualTo(1);
        assertThat(gauge(ProjectionLagMeters.EVENTS, "audit-trail")).isEqualTo(3);
        assertThat(gauge(ProjectionLagMeters.EVENTS, "integration-list")).isZero();
    }

    @Test
    void aProcessorBehindLagsByTheAgeOfTheNewestEventItWasHanded() {
        HandledEventTimes handled = new HandledEventTimes();
        MessageMonitor<org.axonframework.eventhandling.EventMessage<?>> auditTrail = handled.monitor("audit-trail");
        auditTrail.onMessageIngested(event(NOW.minusSeconds(90)));
        auditTrail.onMessageIngested(event(NOW.minusSeconds(30)));
        auditTrail.onMessageIngested(event(NOW.minusSeconds(60)));
        new ProjectionLagMeters(
                        new Statuses(Map.of("integration-list", 0L, "audit-trail", 5L)),
                        handled,
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        names())
                .bindTo(registry);

        assertThat(gauge(ProjectionLagMeters.SECONDS, "audit-trail")).isEqualTo(30.0);
        assertThat(gauge(ProjectionLagMeters.SECONDS, "integration-list")).isZero();
    }

    @Test
    void anUnknownLagIsNotANumber() {
        new ProjectionLagMeters(
                        new Statuses(Map.of("audit-trail", 5L)),
                        new HandledEventTimes(),
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        names())
                .bindTo(registry);

        assertThat(gauge(ProjectionLagMeters.EVENTS, "integration-list")).isNaN();
        assertThat(gauge(ProjectionLagMeters.SECONDS, "integration-list")).isNaN();
        // behind, but nothing handled yet
        assertThat(gauge(ProjectionLagMeters.SECONDS, "audit-trail")).isNaN();
    }

    private double gauge(String name, String projection) {
        return registry.get(name).tag("projection", projection).gauge().value();
    }

    private static List<String> names() {
        return List.of("integration-list", "audit-trail");
    }

    private static GenericEventMessage<String> event(Instant stored) {
        return new GenericEventMessage<>("e-" + stored.getEpochSecond(), "payload", Map.of(), stored);
    }

    /** Projections whose lag is given, counting the reads of their status. */
    private static final class Statuses implements ForReplayingProjections {

        private final Map<String, Long> lags;
        final AtomicInteger reads = new AtomicInteger();

        Statuses(Map<String, Long> lags) {
            this.lags = lags;
        }

        @Override
        public List<ProjectionStatus> status() {
            reads.incrementAndGet();
            return lags.entrySet().stream()
                    .map(lag -> new ProjectionStatus(lag.getKey(), true, false, 10L, lag.getValue(), null))
                    .toList();
        }

        @Override
        public void replay(String name) {
            throw new UnsupportedOperationException();
        }
    }
}
