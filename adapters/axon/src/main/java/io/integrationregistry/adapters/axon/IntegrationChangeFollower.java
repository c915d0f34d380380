package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.connections.port.in.ForNoticingIntegrationChanges;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells provider calls of every event stored, on any instance, within a second. An event stored here is told
 * at once, as the command commits; every instance also reads, every {@code every}, which integrations the events
 * stored since its last read belong to, from the event store itself (see {@link StoredChanges}): nothing is
 * written for it. After each successful read the kept integrations may serve for {@code validFor} without asking
 * the store; should reading fail for longer, provider calls ask the store again.
 * <p>
 * Each instance reads every new event's integration itself, with its position in memory: the projections'
 * processors split their segments across instances, so none of them sees every event on every instance.
 */
final class IntegrationChangeFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IntegrationChangeFollower.class);

    private final EventStore events;
    private final StoredChanges changes;
    private final ForNoticingIntegrationChanges listener;
    private final Duration every;
    private final Duration validFor;

    private volatile boolean running;
    /** Only the follower's thread reads and writes it: a failure is logged once, not every round. */
    private boolean failing;

    private Registration subscription;
    private Thread thread;

    IntegrationChangeFollower(
            EventStore events,
            StoredChanges changes,
            ForNoticingIntegrationChanges listener,
            Duration every,
            Duration validFor) {
        this.events = events;
        this.changes = changes;
        this.listener = listener;
        this.every = every;
        this.validFor = validFor;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        subscription = events.subscribe(this::stored);
        thread = new Thread(this::follow, "integration-change-follower");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (subscription != null) {
            subscription.cancel();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(every.toMillis() * 4 + 1_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Called on the storing thread: forgets at once, and again once the command committed. Never throws. */
    private void stored(List<? extends EventMessage<?>> stored) {
        try {
            List<IntegrationId> changed = new ArrayList<>();
            for (EventMessage<?> message : stored) {
                if (message.getPayload() instanceof IntegrationEvent event) {
                    changed.add(event.integrationId());
                }
            }
            changed.forEach(listener::changed);
            CurrentUnitOfWork.ifStarted(unit -> unit.afterCommit(committed -> changed.forEach(listener::changed)));
        } catch (RuntimeException failure) {
            log.warn(
                    "Could not note a stored event for provider calls: {}",
                    failure.getClass().getName());
        }
    }

    private void follow() {
        long seen = -1;
        while (running) {
            long began = System.nanoTime();
            try {
                seen = read(seen);
                listener.caughtUp(validFor.minusNanos(System.nanoTime() - began));
                if (failing) {
                    failing = false;
                    log.info("Following the integration changes again");
                }
            } catch (RuntimeException failure) {
                // Kept integrations stop serving unasked once validFor passes; retried at the next round.
                if (!failing) {
                    failing = true;
                    log.warn(
                            "Cannot follow the integration changes ({}); provider calls ask the event store"
                                    + " until it can again",
                            failure.getClass().getName());
                }
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, began + every.toNanos() - System.nanoTime()));
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /** Forgets the integrations of the events stored since {@code seen}; answers the new position. */
    private long read(long seen) {
        if (seen < 0) {
            // Starts at the head; whatever was kept before then is dropped, after the head is read.
            long head = changes.head();
            listener.anythingMayHaveChanged();
            return head;
        }
        StoredChanges.Seen read = changes.since(seen);
        if (read.missedSome()) {
            listener.anythingMayHaveChanged();
        }
        read.integrations().forEach(integration -> listener.changed(new IntegrationId(integration)));
        return read.position();
    }
}
