package io.integrationregistry.adapters.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.monitoring.MessageMonitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every command the command bus handles, timed in {@value #NAME}, tagged by its type (the simple name of its
 * payload: {@code AddIntegration}, {@code EditIntegration}, ...) and its outcome ({@code success}, {@code
 * failure}, {@code ignored}). Nothing else of the command is read: its integration, company and user stay out.
 */
final class CommandMeters implements MessageMonitor<CommandMessage<?>> {

    static final String NAME = "registry.commands";

    private final MeterRegistry registry;
    /** The timers by type and outcome: a handful, found without a look-up in the registry. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CommandMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(CommandMessage<?> message) {
        String command = message.getPayloadType().getSimpleName();
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record(command, "success", start);
            }

            @Override
            public void reportFailure(Throwable cause) {
                record(command, "failure", start);
            }

            @Override
            public void reportIgnored() {
                record(command, "ignored", start);
            }
        };
    }

    private void record(String command, String outcome, long start) {
        timers.computeIfAbsent(
                        command + "/" + outcome,
                        key -> Timer.builder(NAME)
                                .description("Commands handled, by type and outcome")
                                .tag("command", command)
                                .tag("outcome", outcome)
                                .register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
