package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.projections.port.in.ForAdministeringProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The projections' health: DOWN while a processor is in error; skipped events and late receipts shown. */
class ProjectionsHealthIndicatorTest {

    @Test
    void aProcessorInErrorMakesTheProjectionsDown() {
        Health health = healthOf(List.of(
                new ProjectionStatus("integration-list", true, false, 10L, 0L, null),
                new ProjectionStatus("audit-trail", true, false, 8L, 2L, "MongoSocketException: refused")));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("audit-trail");
    }

    @Test
    void aPoisonEventIsShownInTheHealthDetailsWhileTheProcessorsRun() {
        Health health = healthOf(List.of(
                new ProjectionStatus("integration-list", true, false, 10L, 0L, null),
                new ProjectionStatus("audit-trail", true, false, 10L, 0L, null, 2)));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("poisonedEvents", 2L).containsEntry("readYourWritesTimeouts", 3L);
    }

    private static Health healthOf(List<ProjectionStatus> statuses) {
        ForAdministeringProjections projections = new ForAdministeringProjections() {
            @Override
            public List<ProjectionStatus> projections() {
                return statuses;
            }

            @Override
            public void rebuild(String name) {}
        };
        return new ProjectionsHealthIndicator(projections, () -> 3).health();
    }
}
