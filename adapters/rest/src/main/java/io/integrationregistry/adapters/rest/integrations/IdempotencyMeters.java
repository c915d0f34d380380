package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.application.integrations.IdempotencyKeyReused;
import io.integrationregistry.application.integrations.IdempotencyStillInFlight;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.util.function.Supplier;

/**
 * Creations sent with an {@code Idempotency-Key}, counted in {@value #NAME} by {@code outcome}: {@code created}
 * (the first request, or a retry that settled it), {@code replayed} (a repeat answered with the first answer),
 * {@code reused-key-refused} (the key came with another request: 422), {@code in-flight-refused} (the first
 * request was still under way: 409) and {@code failed} (any other failure). Neither the key nor the company is
 * a tag.
 */
final class IdempotencyMeters {

    static final String NAME = "registry.idempotency.requests";

    private final Counter created;
    private final Counter replayed;
    private final Counter reusedKey;
    private final Counter inFlight;
    private final Counter failed;

    /** @param registry where the counts go; without one (null), nothing is recorded */
    IdempotencyMeters(MeterRegistry registry) {
        MeterRegistry meters = registry == null ? new CompositeMeterRegistry() : registry;
        created = counter(meters, "created");
        replayed = counter(meters, "replayed");
        reusedKey = counter(meters, "reused-key-refused");
        inFlight = counter(meters, "in-flight-refused");
        failed = counter(meters, "failed");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME)
                .description("Creations sent with an Idempotency-Key, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** The creation, counted by its outcome. */
    Receipt counted(Supplier<Receipt> creation) {
        try {
            Receipt receipt = creation.get();
            (receipt.changed() ? created : replayed).increment();
            return receipt;
        } catch (IdempotencyKeyReused reused) {
            reusedKey.increment();
            throw reused;
        } catch (IdempotencyStillInFlight stillInFlight) {
            inFlight.increment();
            throw stillInFlight;
        } catch (RuntimeException failure) {
            failed.increment();
            throw failure;
        }
    }
}
