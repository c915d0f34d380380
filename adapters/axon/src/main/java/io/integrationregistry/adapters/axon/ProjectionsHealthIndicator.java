package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.projections.port.in.ForAdministeringProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The projections' health: DOWN while a processor is stopped by an error (it retries; its read model falls
 * behind meanwhile). Events a projection skipped because it could not apply them, and receipts whose wait for
 * the list timed out, leave it UP but are shown, so that they are looked into.
 */
public final class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ForAdministeringProjections projections;
    private final LongSupplier readYourWritesTimeouts;

    public ProjectionsHealthIndicator(ForAdministeringProjections projections, LongSupplier readYourWritesTimeouts) {
        super("Projections health check failed");
        this.projections = projections;
        this.readYourWritesTimeouts = readYourWritesTimeouts;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean inError = false;
        long poisoned = 0;
        for (ProjectionStatus status : projections.projections()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", status.running());
            details.put("poisoned", status.poisoned());
            if (status.lag() != null) {
                details.put("lag", status.lag());
            }
            if (status.error() != null) {
                details.put("error", status.error());
                inError = true;
            }
            poisoned += status.poisoned();
            builder.withDetail(status.name(), details);
        }
        builder.withDetail("poisonedEvents", poisoned)
                .withDetail("readYourWritesTimeouts", readYourWritesTimeouts.getAsLong());
        if (inError) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
